package jp.tsunagu.sharing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import jp.tsunagu.identity.SignInLocks;
import jp.tsunagu.shared.JapanTime;

/** Accounts, API clients and addresses locked after failed sign-ins; the steward unlocks one after checking. */
class SignInLockList extends Div {

    private final SignInLocks locks;

    SignInLockList(SignInLocks locks) {
        this.locks = locks;
        setId("steward-locks");
        refresh();
    }

    private void refresh() {
        removeAll();
        var locked = locks.locked();
        if (locked.isEmpty()) {
            add(new Paragraph(getTranslation("steward.locks.none")));
        }
        for (SignInLocks.Locked lock : locked) {
            var who = new Span(getTranslation("steward.locks.entry", lock.who(), lock.failures(),
                    JapanTime.minute(lock.until())));
            var unlock = new Button(getTranslation("steward.locks.unlock"), click -> {
                locks.unlock(lock.who());
                refresh();
            });
            unlock.addClassName("unlock");
            var row = new Div(who, unlock);
            row.addClassName("tsunagu-review");
            add(row);
        }
    }
}
