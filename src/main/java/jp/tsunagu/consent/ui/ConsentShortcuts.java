package jp.tsunagu.consent.ui;

import java.util.List;

import jp.tsunagu.consent.MyConsent;
import jp.tsunagu.shell.HomeShortcuts;
import org.springframework.stereotype.Component;

/** The patient's way from マイページ to her sharing, her access log and her notices (with the unread count). */
@Component
class ConsentShortcuts implements HomeShortcuts {

    private final MyConsent consent;

    ConsentShortcuts(MyConsent consent) {
        this.consent = consent;
    }

    @Override
    public List<Shortcut> forSignedInPatient() {
        return List.of(
                new Shortcut("shortcut-consent", "patient/consent", "menu.consent", 0, "", 10),
                new Shortcut("shortcut-access-log", "patient/access-log", "menu.accessLog", 0, "", 20),
                new Shortcut("shortcut-inbox", "patient/inbox", "menu.inbox", consent.unreadCount(),
                        "home.unread", 30));
    }
}
