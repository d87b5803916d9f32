package jp.tsunagu.shell;

import java.time.Duration;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.html.Div;

/**
 * Warns a signed-in person shortly before the portal signs them out for being idle, and lets them
 * stay with one tap. The clock runs in the browser from the last interaction; any tap or key press (at
 * most once a minute) and the button tell the server the person is still there, which is what the
 * server's idle clock counts ({@code identity.web.SessionLifetimeFilter}). When the time is up the page
 * reloads and meets the login.
 */
class IdleWarning extends Div {

    IdleWarning(Duration idle, Duration warnBefore) {
        setId("idle-warning");
        addClassName("tsunagu-idle-warning");
        getElement().setAttribute("role", "alertdialog");
        getElement().setAttribute("aria-live", "assertive");
        getElement().setAttribute("hidden", true);
        getElement().setProperty("idleSeconds", idle.toSeconds());
        getElement().setProperty("warnSeconds", Math.min(warnBefore.toSeconds(), idle.toSeconds() / 2));
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        getElement().executeJs("""
                const box = this;
                box.innerHTML = '';
                const text = document.createElement('p');
                text.textContent = $0;
                const stay = document.createElement('button');
                stay.type = 'button';
                stay.id = 'idle-warning-stay';
                stay.textContent = $1;
                box.append(text, stay);
                let last = Date.now();
                let pinged = Date.now();
                const touch = (force) => {
                  last = Date.now();
                  box.hidden = true;
                  if (force || last - pinged > 60000) { pinged = last; box.$server.stillHere(); }
                };
                stay.addEventListener('click', () => touch(true));
                ['click', 'keydown', 'touchstart'].forEach(e => document.addEventListener(e, () => touch(false),
                    {capture: true, passive: true}));
                setInterval(() => {
                  const idle = (Date.now() - last) / 1000;
                  // A little after the server has ended it, so that the reload meets the login.
                  if (idle >= box.idleSeconds + 2) { location.reload(); }
                  else if (idle >= box.idleSeconds - box.warnSeconds) { box.hidden = false; }
                }, 1000);
                """, getTranslation("session.idle.warning"), getTranslation("session.idle.stay"));
    }

    /** A round trip is activity: the server's idle clock starts again. */
    @ClientCallable
    void stillHere() {
        // Nothing to do: the request itself is what counts.
    }
}
