package jp.tsunagu.identity.oidc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.client.oidc.session.InMemoryOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionInformation;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

/**
 * OIDC Back-Channel Logout: when a person signs out at the identity provider (or an administrator
 * ends their sessions there), the provider posts a signed logout token to
 * {@code /logout/connect/back-channel/tsunagu}, and every portal session of theirs ends at once, not
 * at its idle timeout. Spring Security checks the token (signature, issuer, audience, events, no
 * nonce) and finds the sessions its login recorded; this class ends them directly in the servlet
 * container, instead of Spring's default of calling the portal's own logout page over HTTP with the
 * session's cookie.
 */
@Component
class BackChannelLogout implements LogoutHandler, HttpSessionListener, HttpSessionIdListener {

    private static final Logger log = LoggerFactory.getLogger(BackChannelLogout.class);

    private final OidcSessionRegistry registry = new InMemoryOidcSessionRegistry();
    private final Map<String, HttpSession> live = new ConcurrentHashMap<>();

    /** The sessions signed in through OIDC, by provider session ({@code sid}) and subject. */
    OidcSessionRegistry registry() {
        return registry;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (!(authentication.getPrincipal() instanceof OidcLogoutToken token)) {
            return;
        }
        int ended = 0;
        for (OidcSessionInformation session : registry.removeSessionInformation(token)) {
            HttpSession open = live.remove(session.getSessionId());
            if (open != null) {
                try {
                    open.invalidate();
                    ended++;
                } catch (IllegalStateException alreadyEnded) {
                    // ended meanwhile by itself: nothing left to do
                }
            }
        }
        // Counts only: no subject (at the embedded provider it is the user name).
        log.info("Back-channel logout from the identity provider ended {} session(s)", ended);
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        live.put(event.getSession().getId(), event.getSession());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        live.remove(event.getSession().getId());
        registry.removeSessionInformation(event.getSession().getId());
    }

    /** Signing in changes the session id (fixation protection); the registry learns the new one too. */
    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        live.remove(oldSessionId);
        live.put(event.getSession().getId(), event.getSession());
        OidcSessionInformation before = registry.removeSessionInformation(oldSessionId);
        if (before != null) {
            registry.saveSessionInformation(before.withSessionId(event.getSession().getId()));
        }
    }
}
