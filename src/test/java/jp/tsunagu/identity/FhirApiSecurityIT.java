package jp.tsunagu.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.test.context.ActiveProfiles;

/**
 * The FHIR API's door in the demo mode: bearer tokens from the embedded provider's client-credentials
 * grant for the demo hospitals, nothing without one, and the scopes reaching method security.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(FhirApiSecurityIT.GuardedSampleConfiguration.class)
class FhirApiSecurityIT {

    private static final String TOKYO = "hospital-tokyo-chuo";
    private static final String OSAKA = "hospital-osaka-hokuso";
    private static final String DEMO_SECRET = "tsunagu-demo-hospital";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @Autowired
    JwtDecoder accessTokens;

    @Autowired
    JWKSource<SecurityContext> providerSigningKey;

    @Autowired
    ApiClients apiClients;

    @Autowired
    GuardedSample guarded;

    @AfterEach
    void signOut() {
        TestActors.signOut();
    }

    @Test
    void fhirApi_withoutToken_answers401WithBearerChallenge() throws Exception {
        var response = postFhir(Optional.empty());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Set-Cookie")).as("no session for API calls").isEmpty();
    }

    @Test
    void fhirApi_withGarbageToken_answers401InvalidToken() throws Exception {
        var response = postFhir(Optional.of("not-a-jwt"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer").contains("invalid_token"));
    }

    @Test
    void hospitalSystem_getsAScopedTokenForItsHospital_andPassesTheApiDoor() throws Exception {
        var response = tokenRequest(TOKYO, DEMO_SECRET, "fhir.import fhir.register-patients");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> body = JSONObjectUtils.parse(response.body());
        assertThat(body).containsEntry("token_type", "Bearer");
        assertThat(((Number) body.get("expires_in")).longValue()).isBetween(590L, 600L);
        String token = (String) body.get("access_token");

        Jwt jwt = accessTokens.decode(token);
        assertThat(jwt.getHeaders()).containsEntry("typ", "at+jwt");
        assertThat(jwt.getIssuer()).hasToString("http://localhost:" + port);
        assertThat(jwt.getClaimAsStringList("scope")).containsExactlyInAnyOrder("fhir.import", "fhir.register-patients");
        assertThat(jwt.getClaimAsString("organization")).isEqualTo("1319990011");
        assertThat(jwt.getClaimAsString("organization_name")).isEqualTo("東京中央病院");
        assertThat(jwt.getClaimAsString("client_id")).isEqualTo(TOKYO);

        var api = postFhir(Optional.of(token));
        assertPassedTheDoor(api);
        assertThat(api.statusCode()).as(api.body()).isNotEqualTo(403);
        assertThat(api.headers().firstValue("Set-Cookie")).as("no session for API calls").isEmpty();
    }

    @Test
    void hospitalSystem_isKnownToServicesAsApiClient_withItsOrganisationAndScopes() throws Exception {
        signInWithToken(token(TOKYO, "fhir.import fhir.register-patients"));

        assertThat(apiClients.current()).contains(
                new ApiClient(TOKYO, Optional.of("1319990011"), Set.of("fhir.import", "fhir.register-patients")));
        assertThat(apiClients.current().orElseThrow().mayRegisterPatients()).isTrue();
        assertThat(guarded.importSomething()).isEqualTo("imported");
        assertThat(guarded.registerSomeone()).isEqualTo("registered");
    }

    @Test
    void importOnlyHospital_mayImport_butNotRegisterPatients() throws Exception {
        assertThat(tokenRequest(OSAKA, DEMO_SECRET, "fhir.import fhir.register-patients").body())
                .contains("invalid_scope");
        signInWithToken(token(OSAKA, "fhir.import"));

        ApiClient client = apiClients.current().orElseThrow();
        assertThat(client.organisationCode()).contains("2719990021");
        assertThat(client.mayRegisterPatients()).isFalse();
        assertThat(guarded.importSomething()).isEqualTo("imported");
        assertThatThrownBy(() -> guarded.registerSomeone()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> guarded.systemOnly()).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void unknownApiPath_answersAnApiError_notTheLoginOrAPortalPage() throws Exception {
        String token = token(TOKYO, "fhir.import");
        var response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/fhir/identity-it/no-such-endpoint"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499).isNotIn(401, 403);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).doesNotContain("text/html");
        assertThat(response.headers().firstValue("Set-Cookie")).as("no session for API calls").isEmpty();
    }

    @Test
    void protectedResourceMetadata_namesTheIssuerAndTheScopes() throws Exception {
        var response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/.well-known/oauth-protected-resource")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> metadata = JSONObjectUtils.parse(response.body());
        assertThat(metadata.get("authorization_servers")).isEqualTo(List.of("http://localhost:" + port));
        assertThat(metadata.get("scopes_supported")).isEqualTo(List.of("fhir.import", "fhir.register-patients"));
    }

    @Test
    void wrongClientSecret_isRefusedByTheTokenEndpoint() throws Exception {
        var response = tokenRequest(TOKYO, "wrong-secret", "fhir.import");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_client").doesNotContain("access_token");
    }

    @Test
    void tokensNotIssuedAsAccessTokensByThisProvider_areRefused() throws Exception {
        String issuer = "http://localhost:" + port;
        // Signed with the provider's key, but not typed as an access token (as an ID token is).
        String untyped = sign(providerSigningKey, "JWT", issuer);
        // Right type, right key, but another issuer.
        String otherIssuer = sign(providerSigningKey, "at+jwt", "http://127.0.0.1:" + port);
        // Right type and issuer, but a key of someone else.
        String forged = sign(otherKey(), "at+jwt", issuer);

        for (String token : List.of(untyped, otherIssuer, forged)) {
            assertThat(postFhir(Optional.of(token)).statusCode()).isEqualTo(401);
        }
        // The same token, properly made, passes (what the endpoint then makes of its claims is its own business).
        assertPassedTheDoor(postFhir(Optional.of(sign(providerSigningKey, "at+jwt", issuer))));
    }

    @Test
    void systemActor_actsAsSystemInside_andRestoresTheEmptyContextAfter() {
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
        var inside = new AtomicReference<Authentication>();

        String result = SystemActor.call("fhir-import-test", () -> {
            inside.set(SecurityContextHolder.getContext().getAuthentication());
            return guarded.systemOnly();
        });

        assertThat(result).isEqualTo("system");
        assertThat(inside.get().getName()).isEqualTo("system:fhir-import-test");
        assertThat(inside.get().getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly(Authorities.SYSTEM);
        assertThat(apiClients.current()).isEmpty();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
        assertThatThrownBy(() -> guarded.systemOnly()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void systemActor_restoresThePersonSignedIn_alsoWhenTheWorkFails() {
        TestActors.signIn("it-clinician", "試験 医師", Role.CLINICIAN);
        Authentication person = SecurityContextHolder.getContext().getAuthentication();

        SystemActor.run("demo-data", () -> assertThat(guarded.importSomething()).isEqualTo("imported"));
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isSameAs(person);

        assertThatThrownBy(() -> SystemActor.run("failing", () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isSameAs(person);
        assertThatThrownBy(() -> guarded.importSomething()).isInstanceOf(AccessDeniedException.class);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class GuardedSampleConfiguration {

        @Bean
        GuardedSample guardedSample() {
            return new GuardedSample();
        }
    }

    /** Stands in for the services of other modules that guard themselves with {@link Authorities}. */
    static class GuardedSample {

        @PreAuthorize(Authorities.CAN_IMPORT)
        public String importSomething() {
            return "imported";
        }

        @PreAuthorize(Authorities.CAN_REGISTER_PATIENTS)
        public String registerSomeone() {
            return "registered";
        }

        @PreAuthorize(Authorities.IS_SYSTEM)
        public String systemOnly() {
            return "system";
        }
    }

    /**
     * Refusals of this chain are 401, or 403 with a {@code WWW-Authenticate} challenge; whatever the
     * fhir module's endpoint answers after that has none.
     */
    private static void assertPassedTheDoor(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isNotEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain("oauth2");
    }

    private void signInWithToken(String token) {
        Jwt jwt = accessTokens.decode(token);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new JwtAuthenticationConverter().convert(jwt));
        SecurityContextHolder.setContext(context);
    }

    private String token(String clientId, String scope) throws Exception {
        var response = tokenRequest(clientId, DEMO_SECRET, scope);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) JSONObjectUtils.parse(response.body()).get("access_token");
    }

    private HttpResponse<String> tokenRequest(String clientId, String secret, String scope) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postFhir(Optional<String> token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Bundle\",\"type\":\"transaction\"}"));
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(JWKSource<SecurityContext> key, String type, String issuer) {
        var header = JwsHeader.with(SignatureAlgorithm.RS256).type(type).build();
        var claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(TOKYO)
                .audience(List.of(TOKYO))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300))
                .claim("scope", List.of("fhir.import"))
                .build();
        return new NimbusJwtEncoder(key).encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    private static JWKSource<SecurityContext> otherKey() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        var key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate()).build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }
}
