package jp.tsunagu.identity;

import java.net.URI;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How people sign in. In the demo mode only {@code publicUrl} matters (the embedded provider
 * issues tokens for it); in the production mode the issuer and client come from the environment.
 *
 * @param publicUrl the address users type, e.g. https://portal.example.jp; by default
 *     http://localhost:{server port}
 * @param issuerUri the external OIDC issuer (production), discovered on first login; it also issues
 *     the bearer tokens of the FHIR API's clients, discovered at their first call
 * @param clientId the portal's client id at the issuer
 * @param clientSecret the portal's client secret at the issuer
 * @param rolesClaim the ID-token claim that carries the roles; a dotted path reads nested claims
 *     (Keycloak: {@code realm_access.roles})
 * @param organisationClaim the claim naming the organisation a clinician acts for (ID token) or an
 *     API client sends for (access token)
 * @param secondFactorAmr the {@code amr} values (RFC 8176) of the ID token that show a second factor;
 *     staff without one are refused at sign-in
 * @param apiAudience the {@code aud} an access token must carry for the FHIR API (production); a token
 *     the issuer made for another service, or an ID token, does not
 */
@ConfigurationProperties("tsunagu.identity")
public record IdentityProperties(
        Optional<URI> publicUrl,
        Optional<URI> issuerUri,
        @DefaultValue("tsunagu-portal") String clientId,
        Optional<String> clientSecret,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("organization") String organisationClaim,
        @DefaultValue("tsunagu-api") String apiAudience,
        @DefaultValue({"otp", "hwk", "swk", "mfa", "fpt", "face"}) java.util.List<String> secondFactorAmr) {

    /** The registration id in Spring Security's redirect and callback paths. */
    public static final String REGISTRATION_ID = "tsunagu";

    /** Where a sign-in starts (Spring Security redirects from here to the provider); links point here. */
    public static final String LOGIN_PATH = "/oauth2/authorization/" + REGISTRATION_ID;
}
