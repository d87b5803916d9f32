package jp.tsunagu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import jp.tsunagu.BrowserSession;
import jp.tsunagu.Chromium;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.ActiveProfiles;

/**
 * OIDC Back-Channel Logout: the provider posts a logout token for a person, and the patient's open
 * tab is signed out at once. A token signed with another key changes nothing. The provider here is
 * the embedded one (its signing key signs the token, as a production provider's would); the handler
 * is the same in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BackChannelLogoutBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    JWKSource<SecurityContext> providerSigningKey;
    @Autowired
    IdentityProperties identity;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aLogoutTokenFromTheProvider_endsThePersonsSession_andAForgedOneDoesNot() throws Exception {
        try (var phone = new BrowserSession(Chromium.shared(), port, 390, 844)) {
            var page = phone.page();
            phone.signIn("patient.sato");
            phone.awaitUrl("/patient$");

            RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
            var forged = post(logoutToken(new ImmutableJWKSet<>(new JWKSet(stranger)), "stranger", "patient.sato"));
            assertThat(forged.statusCode()).as("a token the provider did not sign").isEqualTo(400);
            page.reload();
            phone.awaitUrl("/patient$");

            String kid = providerSigningKey.get(new com.nimbusds.jose.jwk.JWKSelector(
                    new com.nimbusds.jose.jwk.JWKMatcher.Builder().build()), null).getFirst().getKeyID();
            var genuine = post(logoutToken(providerSigningKey, kid, "patient.sato"));
            assertThat(genuine.statusCode()).isEqualTo(200);
            page.navigate(phone.url("/patient"));
            phone.awaitUrl("/idp/login");
        }
    }

    private String logoutToken(JWKSource<SecurityContext> key, String kid, String subject) {
        Instant now = Instant.now();
        var claims = JwtClaimsSet.builder()
                .issuer("http://localhost:" + port)
                .audience(List.of(identity.clientId()))
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plusSeconds(120))
                .id(UUID.randomUUID().toString())
                .claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()))
                .build();
        var header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(kid).type("logout+jwt").build();
        return new NimbusJwtEncoder(key).encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    private HttpResponse<String> post(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/logout/connect/back-channel/" + IdentityProperties.REGISTRATION_ID))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
