package jp.tsunagu.identity.oidc;

import java.util.Set;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jp.tsunagu.identity.AccountSettingsLink;
import jp.tsunagu.identity.IdentityProperties;
import jp.tsunagu.identity.StepUp;
import jp.tsunagu.shared.ProductionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The portal's own security: OIDC login (authorization code with PKCE) through whichever provider
 * is configured, Vaadin's view access control, RP-initiated logout, and nothing public but the
 * public pages and the health probes.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity(jsr250Enabled = true)
class PortalSecurityConfiguration {

    /** The public page a person sees when the provider's answer could not be accepted. */
    static final String LOGIN_FAILED_ROUTE = "login-failed";

    private static final Logger log = LoggerFactory.getLogger(PortalSecurityConfiguration.class);

    /** A route that forwards a freshly signed-in user to their role's home. */
    static final String AFTER_LOGIN_PATH = "/home";

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain portalSecurity(HttpSecurity http, ClientRegistrationRepository registrations,
                                       OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService,
                                       BackChannelLogout backChannelLogout) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
                .permitAll()
                // the portal's own style sheets and icons (src/main/resources/META-INF/resources/styles, icons)
                .requestMatchers("/styles/**", "/icons/**").permitAll()
                // signing in again for a step-up: a controller, not a view, so Vaadin's rules do not cover it
                .requestMatchers(org.springframework.http.HttpMethod.GET, StepUp.PATH).authenticated());
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin
                .oauth2LoginPage(IdentityProperties.LOGIN_PATH, "{baseUrl}/")
                .defaultSuccessUrl(AFTER_LOGIN_PATH));
        var authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, "/oauth2/authorization");
        var resolver = StepUpSignIn.promptLoginOnStepUp(authorizationRequests);
        http.oauth2Login(login -> login
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver))
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(oidcUserService))
                // Not back to the login start (that would loop): to a page that says what happened.
                .failureHandler((request, response, exception) -> {
                    log.warn("OIDC login failed: {}", describe(exception));
                    boolean secondFactor = exception instanceof OAuth2AuthenticationException oauth2
                            && SecondFactorRule.ERROR.equals(oauth2.getError().getErrorCode());
                    response.sendRedirect(request.getContextPath() + "/" + LOGIN_FAILED_ROUTE
                            + (secondFactor ? "?reason=second-factor" : ""));
                }));
        // The provider ends the person's sessions here when they sign out there (OIDC Back-Channel Logout 1.0).
        http.oidcLogout(logout -> logout
                .oidcSessionRegistry(backChannelLogout.registry())
                .backChannel(backChannel -> backChannel.logoutHandler(backChannelLogout)));
        return http.build();
    }

    /** One registry for the login (which records sessions) and the back-channel logout (which ends them). */
    @Bean
    org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry oidcSessionRegistry(
            BackChannelLogout backChannelLogout) {
        return backChannelLogout.registry();
    }

    /** The OAuth2 error code and description only: never tokens, codes or personal data. */
    private static String describe(AuthenticationException exception) {
        if (exception instanceof OAuth2AuthenticationException oauth2) {
            return oauth2.getError().getErrorCode() + " " + oauth2.getError().getDescription();
        }
        return exception.getClass().getSimpleName();
    }

    /** Signs the person in with the portal roles their provider's claim grants, and no others. */
    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService(IdentityProperties properties) {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Set<GrantedAuthority> authorities = RoleClaims.authorities(user.getClaims(), properties.rolesClaim());
            if (!SecondFactorRule.satisfied(authorities, user.getClaims(), properties.secondFactorAmr())) {
                throw new OAuth2AuthenticationException(new OAuth2Error(SecondFactorRule.ERROR,
                        "staff sign in with a second factor", null));
            }
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), IdTokenClaimNames.SUB);
        };
    }

    /** Production: the identity provider's account page, if the operator names one. */
    @Bean
    @ProductionMode
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("tsunagu.identity.account-url")
    AccountSettingsLink externalAccountSettings(@org.springframework.beans.factory.annotation.Value(
            "${tsunagu.identity.account-url}") String url) {
        return new AccountSettingsLink(url);
    }

    /** Production: an external issuer, discovered on first login (OIDC discovery). */
    @Bean
    @ProductionMode
    ClientRegistrationRepository externalProviderRegistration(IdentityProperties properties) {
        String issuer = properties.issuerUri()
                .orElseThrow(() -> new IllegalStateException(
                        "Production mode needs TSUNAGU_IDENTITY_ISSUER_URI (the OIDC issuer of your identity provider)"))
                .toString();
        String secret = properties.clientSecret()
                .orElseThrow(() -> new IllegalStateException(
                        "Production mode needs TSUNAGU_IDENTITY_CLIENT_SECRET (the portal's client secret at the issuer)"));
        return new LazyClientRegistrations(() -> ClientRegistrations.fromIssuerLocation(issuer)
                .registrationId(IdentityProperties.REGISTRATION_ID)
                .clientId(properties.clientId())
                .clientSecret(secret)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .build());
    }
}
