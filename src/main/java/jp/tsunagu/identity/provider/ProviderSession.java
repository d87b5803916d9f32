package jp.tsunagu.identity.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * Where the provider keeps its own sign-in in the shared servlet session: a security context and a
 * saved request under keys of its own, so that signing in at the provider never signs the person into
 * the portal (that happens only through the OIDC code flow).
 */
final class ProviderSession {

    private static final String CONTEXT_KEY = "TSUNAGU_PROVIDER_SECURITY_CONTEXT";
    private static final String SAVED_REQUEST_KEY = "TSUNAGU_PROVIDER_SAVED_REQUEST";

    private final HttpSessionSecurityContextRepository context = new HttpSessionSecurityContextRepository();
    private final HttpSessionRequestCache requests = new HttpSessionRequestCache();
    private final SavedRequestAwareAuthenticationSuccessHandler afterLogin =
            new SavedRequestAwareAuthenticationSuccessHandler();

    ProviderSession() {
        context.setSpringSecurityContextKey(CONTEXT_KEY);
        requests.setSessionAttrName(SAVED_REQUEST_KEY);
        afterLogin.setRequestCache(requests);
        afterLogin.setDefaultTargetUrl("/");
    }

    SecurityContextRepository contextRepository() {
        return context;
    }

    RequestCache requestCache() {
        return requests;
    }

    /** Who is signed in at the provider (both factors given), if anyone. */
    Optional<String> signedIn(HttpServletRequest request) {
        return signedInAuthentication(request).map(Authentication::getName);
    }

    /**
     * Whether the provider's sign-in is recent: adding a sign-in factor needs someone who just proved
     * they own the account, not whoever finds a tab open.
     */
    boolean signedInWithin(HttpServletRequest request, Duration window) {
        return signedInAuthentication(request).flatMap(Reauthentication::signedInAt)
                .filter(at -> !at.isBefore(Instant.now().minus(window))).isPresent();
    }

    private Optional<Authentication> signedInAuthentication(HttpServletRequest request) {
        Authentication authentication = context.loadDeferredContext(request).get().getAuthentication();
        return Optional.ofNullable(authentication).filter(Authentication::isAuthenticated);
    }

    /** Back to the authorization request that sent the person to the login. */
    AuthenticationSuccessHandler afterLogin() {
        return afterLogin;
    }
}
