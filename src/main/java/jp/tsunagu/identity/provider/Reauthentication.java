package jp.tsunagu.identity.provider;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * OIDC's {@code prompt=login} and {@code max_age} at the embedded provider's authorization endpoint,
 * which Spring Authorization Server leaves to the application: the person signs in again (password
 * and second factor) although the provider still knows them. The portal asks for it before
 * break-the-glass, a whole-record export and a study approval ({@code StepUp}).
 *
 * <p>Forcing a sign-in drops the provider's own sign-in and notes which request ({@code state}) and
 * when; that same request, replayed after the new sign-in, passes because its factors are newer than
 * the note (without the note it would ask again for ever). Any other request asks anew, so a note
 * left by a sign-in abandoned at the login page lets nothing through later.
 */
final class Reauthentication extends OncePerRequestFilter {

    private static final String FORCED_AT = "TSUNAGU_PROVIDER_REAUTHENTICATION_FORCED_AT";

    private final String authorizationEndpoint;
    private final SecurityContextRepository providerContext;
    private final Clock clock;

    Reauthentication(String authorizationEndpoint, SecurityContextRepository providerContext, Clock clock) {
        this.authorizationEndpoint = authorizationEndpoint;
        this.providerContext = providerContext;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(request.getContextPath() + authorizationEndpoint).equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> prompts = Arrays.asList(Optional.ofNullable(request.getParameter("prompt")).orElse("").split(" "));
        OptionalLong maxAge = maxAge(request.getParameter("max_age"));
        HttpSession session = request.getSession(false);
        Authentication signedIn = session == null ? null
                : providerContext.loadDeferredContext(request).get().getAuthentication();
        if ((!prompts.contains("login") && maxAge.isEmpty()) || prompts.contains("none") || signedIn == null) {
            // Nothing asked, or nobody signed in (the login comes anyway); prompt=none must never show a page.
            chain.doFilter(request, response);
            return;
        }
        Instant now = clock.instant();
        Optional<Instant> signedInAt = signedInAt(signedIn);
        String state = Optional.ofNullable(request.getParameter("state")).orElse("");
        // Only the replay of the very request that forced the sign-in passes (same state), and only after it.
        boolean sinceForced = session.getAttribute(FORCED_AT) instanceof Forced forced && !state.isEmpty()
                && forced.state().equals(state) && signedInAt.filter(at -> !at.isBefore(forced.at())).isPresent();
        boolean tooOld = maxAge.isPresent()
                && signedInAt.filter(at -> !at.isBefore(now.minusSeconds(maxAge.getAsLong()))).isEmpty();
        if (sinceForced) {
            session.removeAttribute(FORCED_AT);
        } else if (prompts.contains("login") || tooOld) {
            session.setAttribute(FORCED_AT, new Forced(state, now));
            providerContext.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
        }
        chain.doFilter(request, response);
    }

    /** Which authorization request forced a sign-in, and when. */
    record Forced(String state, Instant at) implements java.io.Serializable {
    }

    /** When the person last gave a factor: what the ID token's {@code auth_time} says, too. */
    static Optional<Instant> signedInAt(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .filter(FactorGrantedAuthority.class::isInstance).map(FactorGrantedAuthority.class::cast)
                .map(FactorGrantedAuthority::getIssuedAt).max(Instant::compareTo);
    }

    private static OptionalLong maxAge(String value) {
        try {
            return value == null ? OptionalLong.empty() : OptionalLong.of(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException malformed) {
            return OptionalLong.empty();
        }
    }
}
