package jp.tsunagu.identity.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jp.tsunagu.identity.SessionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends signed-in sessions by the portal's own clock rather than the servlet container's: an open tab
 * sends Vaadin heartbeats that would keep a container session alive for ever. Every request except a
 * heartbeat counts as activity; a session idle longer than its role allows (staff 15 minutes, patients
 * 30), or signed in longer than the absolute lifetime (8 hours), is invalidated before the request is
 * served, so the request meets the login like any stranger's.
 */
public final class SessionLifetimeFilter extends OncePerRequestFilter {

    static final String SIGNED_IN_AT = "tsunagu.session.signedInAt";
    static final String LAST_ACTIVITY = "tsunagu.session.lastActivity";
    private static final Logger LOG = LoggerFactory.getLogger(SessionLifetimeFilter.class);

    private final SessionProperties properties;
    private final Clock clock;

    public SessionLifetimeFilter(SessionProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication signedIn = session == null ? null : portalAuthentication(session);
        if (signedIn != null) {
            long now = clock.millis();
            Long since = (Long) session.getAttribute(SIGNED_IN_AT);
            Long last = (Long) session.getAttribute(LAST_ACTIVITY);
            Duration idle = properties.idleFor(signedIn.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority).toList());
            if (since != null && now - since > properties.absolute().toMillis()) {
                LOG.info("Session ended: signed in longer than {}", properties.absolute());
                session.invalidate();
            } else if (last != null && now - last > idle.toMillis()) {
                LOG.info("Session ended: idle longer than {}", idle);
                session.invalidate();
            } else {
                if (since == null) {
                    session.setAttribute(SIGNED_IN_AT, now);
                }
                if (!isHeartbeat(request)) {
                    session.setAttribute(LAST_ACTIVITY, now);
                }
            }
        }
        chain.doFilter(request, response);
    }

    /** Vaadin's keep-alive, sent every few minutes by an open tab whether or not anyone is there. */
    static boolean isHeartbeat(HttpServletRequest request) {
        return "heartbeat".equals(request.getParameter("v-r"));
    }

    private static Authentication portalAuthentication(HttpSession session) {
        if (session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
                instanceof SecurityContext context && context.getAuthentication() != null
                && context.getAuthentication().isAuthenticated()) {
            return context.getAuthentication();
        }
        return null;
    }
}
