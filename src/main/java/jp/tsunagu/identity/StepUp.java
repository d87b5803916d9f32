package jp.tsunagu.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Step-up: the portal's most consequential acts (break-the-glass, a patient's whole-record export, a
 * steward's study approval) need a sign-in within the last few minutes, not merely a live session. A
 * tab left open for hours must not be enough to open a stranger's record.
 *
 * <p>The time is the ID token's {@code auth_time}: when the person last gave their password (and
 * second factor) at the provider, not when the portal last saw them. Renewing the session or the
 * provider's single sign-on does not refresh it; only signing in again does, which the portal asks
 * for with {@code prompt=login} ({@link #PATH}).
 *
 * <p>A component, not a guarded service: it reads nothing but the caller's own sign-in.
 */
@Component
public class StepUp {

    /** Where a view sends the person to sign in again; it comes back to the given page. */
    public static final String PATH = "/sign-in/again";
    private static final Pattern PORTAL_PAGE = Pattern.compile("/[a-z0-9/-]{0,100}");

    private final Duration window;
    private final Clock clock;

    @Autowired
    StepUp(SessionProperties properties) {
        this(properties.stepUp(), Clock.systemUTC());
    }

    StepUp(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    /** How recent a sign-in must be. */
    public Duration window() {
        return window;
    }

    /** Whether the person signed in at the provider within the window. */
    public boolean recent() {
        return signedInAt().filter(at -> !at.isBefore(clock.instant().minus(window))).isPresent();
    }

    /**
     * Refuses the act unless the sign-in is recent: the check services make at the decision point,
     * whatever the screen did before.
     *
     * @throws StepUpRequiredException when the person must sign in again first
     */
    public void require() {
        if (!recent()) {
            throw new StepUpRequiredException();
        }
    }

    /** When the person last signed in at the provider ({@code auth_time}), if the token says. */
    public static Optional<Instant> signedInAt() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser user)) {
            return Optional.empty();
        }
        return Optional.ofNullable(user.getAuthenticatedAt());
    }

    /** Who is signed in ({@code sub}), to tell whether the person who comes back is the one who left. */
    public static Optional<String> signedInSubject() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof OidcUser user
                ? Optional.ofNullable(user.getSubject()) : Optional.empty();
    }

    /** The address that signs the person in again and comes back to {@code page}, a page of the portal. */
    public static String path(String page) {
        return PATH + "?to=" + URLEncoder.encode(safePage(page), StandardCharsets.UTF_8);
    }

    /** A page of this portal, never another site ({@code //evil.example}) or a scheme: else the home. */
    public static String safePage(String page) {
        return page != null && PORTAL_PAGE.matcher(page).matches() && !page.startsWith("//") ? page : "/home";
    }
}
