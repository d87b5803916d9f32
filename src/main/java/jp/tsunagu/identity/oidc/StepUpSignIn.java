package jp.tsunagu.identity.oidc;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jp.tsunagu.identity.IdentityProperties;
import jp.tsunagu.identity.StepUp;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@link StepUp#PATH}: signs a signed-in person in again at the provider ({@code prompt=login}) and
 * brings them back to the page they came from. The provider must really ask: if the new ID token
 * still carries an old {@code auth_time}, the person sees a page that says so instead of a loop.
 */
@Controller
class StepUpSignIn {

    /** The query parameter that marks the provider round trip as a step-up. */
    static final String MARK = "step-up";
    private static final String STARTED = "TSUNAGU_STEP_UP_STARTED";
    /** Longer than a person takes at the provider's page; a mark older than this was abandoned. */
    private static final java.time.Duration ROUND_TRIP = java.time.Duration.ofMinutes(10);

    private final StepUp stepUp;
    private final HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();

    StepUpSignIn(StepUp stepUp) {
        this.stepUp = stepUp;
    }

    @GetMapping(StepUp.PATH)
    void again(HttpServletRequest request, HttpServletResponse response,
            @RequestParam(name = "to", required = false) String to) throws IOException {
        String page = StepUp.safePage(to);
        HttpSession session = request.getSession();
        if (stepUp.recent()) {
            session.removeAttribute(STARTED);
            response.sendRedirect(request.getContextPath() + page);
            return;
        }
        Object started = session.getAttribute(STARTED);
        if (started instanceof Instant at && at.isAfter(Instant.now().minus(ROUND_TRIP))) {
            // Back from the provider without a fresh sign-in: it ignored prompt=login. (An older mark is a
            // step-up abandoned at the provider's page, and this is a new one.)
            session.removeAttribute(STARTED);
            response.sendRedirect(request.getContextPath() + "/" + PortalSecurityConfiguration.LOGIN_FAILED_ROUTE
                    + "?reason=step-up");
            return;
        }
        session.setAttribute(STARTED, Instant.now());
        // After the provider, the login's success handler returns here, and here to the page.
        savedRequests.saveRequest(request, response);
        response.sendRedirect(request.getContextPath() + IdentityProperties.LOGIN_PATH + "?" + MARK);
    }

    /**
     * Adds {@code prompt=login} to the authorization request of a step-up, so the provider asks again.
     * The resolver's customizer sees only the request being built, not the HTTP request it came from
     * (the security filters run before Spring MVC's request context exists), so the resolver notes it.
     */
    static OAuth2AuthorizationRequestResolver promptLoginOnStepUp(DefaultOAuth2AuthorizationRequestResolver resolver) {
        ThreadLocal<Boolean> stepUp = ThreadLocal.withInitial(() -> false);
        Consumer<OAuth2AuthorizationRequest.Builder> prompt = builder -> {
            if (stepUp.get()) {
                // max_age too: a provider must then say auth_time (OIDC Core 3.1.2.1), which the portal checks.
                builder.additionalParameters(parameters -> {
                    parameters.put("prompt", "login");
                    parameters.put("max_age", "0");
                });
            }
        };
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce().andThen(prompt));
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                return noting(request, () -> resolver.resolve(request));
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
                return noting(request, () -> resolver.resolve(request, registrationId));
            }

            private OAuth2AuthorizationRequest noting(HttpServletRequest request,
                    java.util.function.Supplier<OAuth2AuthorizationRequest> resolve) {
                stepUp.set(request.getParameter(MARK) != null);
                try {
                    return resolve.get();
                } finally {
                    stepUp.remove();
                }
            }
        };
    }
}
