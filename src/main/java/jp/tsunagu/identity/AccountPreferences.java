package jp.tsunagu.identity;

import java.util.Optional;

import jp.tsunagu.identity.persistence.AccountPreferenceStore;
import jp.tsunagu.shared.Language;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Settings a signed-in person makes for themselves; they follow the account to other devices. */
@Service
public class AccountPreferences {

    private final ActorService actors;
    private final AccountPreferenceStore store;

    AccountPreferences(ActorService actors, AccountPreferenceStore store) {
        this.actors = actors;
        this.store = store;
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<Language> language() {
        return actors.currentActor().flatMap(actor -> store.language(actor.subject()));
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void chooseLanguage(Language language) {
        actors.currentActor().ifPresent(actor -> store.saveLanguage(actor.subject(), language));
    }
}
