package jp.tsunagu.identity.provider;

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

    /** Back to the authorization request that sent the person to the login. */
    AuthenticationSuccessHandler afterLogin() {
        return afterLogin;
    }
}
