package jp.tsunagu.identity.api;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jp.tsunagu.identity.ApiClient;
import jp.tsunagu.identity.IdentityProperties;
import jp.tsunagu.identity.oidc.PortalAddress;
import jp.tsunagu.shared.ProductionMode;
import jp.tsunagu.shared.TokenBuckets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The FHIR API for hospital systems: OAuth2 bearer tokens (JWT) only, no session, no login page,
 * no CSRF token (a bearer token is not sent by a browser on its own, so there is nothing to forge).
 * Scopes become {@code SCOPE_...} authorities, which the services check with {@code @PreAuthorize};
 * this chain only insists on a valid token. Missing or bad tokens get 401 with
 * {@code WWW-Authenticate: Bearer}, too narrow a scope 403 with {@code insufficient_scope}. The
 * protected-resource metadata that the 401 names is public, as RFC 9728 intends.
 *
 * <p>The tokens come from the embedded provider in the demo mode (its decoder is defined beside
 * it, in {@code EmbeddedProviderConfiguration}) and from the configured issuer in production.
 */
@Configuration(proxyBeanMethods = false)
class FhirApiSecurityConfiguration {

    /** After the embedded provider's chains (1, 2), before the portal's catch-all chain. */
    static final int ORDER = 10;

    /** Where a client learns which issuer and scopes the API wants (RFC 9728); the 401 points here. */
    private static final String RESOURCE_METADATA = "/.well-known/oauth-protected-resource";

    @Bean
    @Order(ORDER)
    SecurityFilterChain fhirApiSecurity(HttpSecurity http, JwtDecoder accessTokens, PortalAddress address,
                                        IdentityProperties properties,
                                        @Value("${tsunagu.fhir.rate.burst:60}") int burst,
                                        @Value("${tsunagu.fhir.rate.per-minute:120}") int perMinute) throws Exception {
        var paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(paths.matcher("/fhir/**"), paths.matcher(RESOURCE_METADATA + "/**"),
                        FhirApiSecurityConfiguration::isApiError))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, RESOURCE_METADATA + "/**").permitAll()
                        // the CapabilityStatement: FHIR and SMART clients read it before they have a token
                        .requestMatchers(HttpMethod.GET, "/fhir/metadata").permitAll()
                        // the API request itself has passed this chain already
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                // Per client (or per address before a token is known); five times as much per address.
                .addFilterAfter(new FhirRateLimit(new TokenBuckets(burst, perMinute, Clock.systemUTC()),
                        new TokenBuckets(burst * 5, perMinute * 5, Clock.systemUTC())),
                        BearerTokenAuthenticationFilter.class)
                .requestCache(cache -> cache.disable())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(accessTokens))
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(
                                resource -> resource
                                        // the demo issuer is the portal itself, known once it listens
                                        .authorizationServer(properties.issuerUri().map(URI::toString)
                                                .orElseGet(address::baseUrl))
                                        .scope(ApiClient.SCOPE_IMPORT)
                                        .scope(ApiClient.SCOPE_REGISTER_PATIENTS))));
        return http.build();
    }

    /**
     * The error dispatch of an API request (an unknown path, an exception in a controller) is
     * answered by Spring Boot's error controller at {@code /error}; left to the portal's chain it
     * would be refused (403) for want of a portal login, and the client would never see the error.
     */
    private static boolean isApiError(HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.ERROR
                || !(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri)) {
            return false;
        }
        String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
        return path.equals("/fhir") || path.startsWith("/fhir/");
    }

    /**
     * Production: the access tokens of the configured issuer, found by discovery at the first API
     * call rather than at start-up, so that an issuer that is briefly down does not keep the portal
     * from starting; a failed discovery is tried again at the next call. Both JWT types that
     * providers use for access tokens are accepted ({@code JWT}: Keycloak, Entra ID; {@code at+jwt}:
     * RFC 9068), and only with this API's audience ({@code TSUNAGU_IDENTITY_API_AUDIENCE}).
     */
    @Bean
    @ProductionMode
    JwtDecoder externalIssuerAccessTokenDecoder(IdentityProperties properties) {
        String issuer = properties.issuerUri()
                .orElseThrow(() -> new IllegalStateException(
                        "Production mode needs TSUNAGU_IDENTITY_ISSUER_URI (the OIDC issuer of your identity provider)"))
                .toString();
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer);
            JwtTypeValidator accessTokenTypes = new JwtTypeValidator("JWT", "at+jwt");
            // Made for this API: an ID token (aud: the portal's client) or a token for another service fails here.
            var forThisApi = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    audience -> audience != null && audience.contains(properties.apiAudience()));
            decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                    new JwtIssuerValidator(issuer), accessTokenTypes, forThisApi));
            return decoder;
        });
    }
}
