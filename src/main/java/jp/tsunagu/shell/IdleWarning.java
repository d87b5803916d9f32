package jp.tsunagu.shell;

import java.time.Duration;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.html.Div;

/**
 * Warns a signed-in person shortly before the portal signs them out for being idle, and lets them
 * stay with one tap. The clock in the browser follows the server's rule
 * ({@code identity.web.SessionLifetimeFilter}): every request but Vaadin's heartbeat is activity. A tap or
 * key press that sends nothing tells the server anyway (at most every 30 s), and the button does at
 * once. Shortly after the time is up the page reloads and meets the login.
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
                // One clock per page, however often the layout attaches; it always shows the newest box.
                if (window.tsunaguIdle) { window.tsunaguIdle.box = box; }
                const state = window.tsunaguIdle || (window.tsunaguIdle = {box});
                box.innerHTML = '';
                const text = document.createElement('p');
                text.textContent = $0;
                const stay = document.createElement('button');
                stay.type = 'button';
                stay.id = 'idle-warning-stay';
                stay.textContent = $1;
                box.append(text, stay);
                stay.addEventListener('click', () => state.touch(true));
                if (state.touch) { return; }
                let last = Date.now();
                let pinged = Date.now();
                // The server counts every request but Vaadin's heartbeat as activity; so does this clock.
                const seen = (url) => {
                  if (!String(url).includes('v-r=heartbeat')) { last = pinged = Date.now(); state.box.hidden = true; }
                };
                if (!window.tsunaguIdleHooked) {
                  window.tsunaguIdleHooked = true;
                  const open = XMLHttpRequest.prototype.open;
                  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
                    window.dispatchEvent(new CustomEvent('tsunagu-request', {detail: url}));
                    return open.call(this, method, url, ...rest);
                  };
                  const fetchOriginal = window.fetch;
                  window.fetch = function (input, ...rest) {
                    window.dispatchEvent(new CustomEvent('tsunagu-request', {detail: input && input.url || input}));
                    return fetchOriginal.call(this, input, ...rest);
                  };
                }
                window.addEventListener('tsunagu-request', e => seen(e.detail));
                // A tap or key press that sends nothing still means someone is there: tell the server
                // (at most every 30 s), so both clocks agree.
                state.touch = (force) => {
                  if (force) { state.box.hidden = true; }
                  if (force || Date.now() - pinged > 30000) { state.box.$server.stillHere(); }
                };
                ['click', 'keydown', 'touchstart'].forEach(e => document.addEventListener(e, () => state.touch(false),
                    {capture: true, passive: true}));
                setInterval(() => {
                  const idle = (Date.now() - last) / 1000;
                  // A little after the server has ended it, so that the reload meets the login.
                  if (idle >= state.box.idleSeconds + 2) { location.reload(); }
                  else if (idle >= state.box.idleSeconds - state.box.warnSeconds) { state.box.hidden = false; }
                }, 1000);
                """, getTranslation("session.idle.warning"), getTranslation("session.idle.stay"));
    }

    /** A round trip is activity: the server's idle clock starts again. */
    @ClientCallable
    void stillHere() {
        // Nothing to do: the request itself is what counts.
    }
}
