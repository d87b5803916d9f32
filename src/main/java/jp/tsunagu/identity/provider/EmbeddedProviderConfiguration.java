package jp.tsunagu.identity.provider;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jp.tsunagu.identity.IdentityProperties;
import jp.tsunagu.identity.oidc.LazyClientRegistrations;
import jp.tsunagu.identity.oidc.PortalAddress;
import jp.tsunagu.shared.DemoMode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The demo mode's own OIDC provider (Spring Authorization Server) with the demo accounts.
 *
 * <p>Provider and portal share one servlet session, yet they must stay two parties: signing in at
 * the provider must not sign the person into the portal, which happens only through the OIDC code
 * flow. So the provider's chains keep their security context and saved request under session keys
 * of their own, and the portal's chain never sees them. Ending the session (portal logout) ends both.
 */
@Configuration(proxyBeanMethods = false)
@DemoMode
class EmbeddedProviderConfiguration {

    static final String LOGIN_PAGE = "/idp/login";
    private static final String CONTEXT_KEY = "TSUNAGU_PROVIDER_SECURITY_CONTEXT";
    private static final String SAVED_REQUEST_KEY = "TSUNAGU_PROVIDER_SAVED_REQUEST";

    private final String portalClientSecret = randomSecret();

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(providerContextRepository()))
                .requestCache(cache -> cache.requestCache(providerRequestCache()))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain providerLoginChain(HttpSecurity http) throws Exception {
        var afterLogin = new SavedRequestAwareAuthenticationSuccessHandler();
        afterLogin.setRequestCache(providerRequestCache());
        afterLogin.setDefaultTargetUrl("/");
        http.securityMatcher("/idp/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .securityContext(context -> context.securityContextRepository(providerContextRepository()))
                .requestCache(cache -> cache.requestCache(providerRequestCache()))
                .formLogin(form -> form
                        .loginPage(LOGIN_PAGE)
                        .failureUrl(LOGIN_PAGE + "?error")
                        .successHandler(afterLogin))
                .logout(logout -> logout.disable());
        return http.build();
    }

    @Bean
    UserDetailsService demoAccounts() {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(DemoAccount.ALL.stream()
                .map(account -> User.withUsername(account.username())
                        .password(encoder.encode(account.password()))
                        .roles(account.role().name())
                        .build())
                .toList());
    }

    /** The provider's view of the portal: a confidential client that must use PKCE. */
    @Bean
    RegisteredClientRepository registeredClients(PortalAddress address, IdentityProperties properties) {
        return new LazyRegisteredClients(() -> RegisteredClient.withId("tsunagu-portal")
                .clientId(properties.clientId())
                .clientSecret("{noop}" + portalClientSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(address.baseUrl() + "/login/oauth2/code/" + IdentityProperties.REGISTRATION_ID)
                .postLogoutRedirectUri(address.baseUrl() + "/")
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(15)).build())
                .build());
    }

    /** The portal's side of the same client, with explicit endpoints (no discovery of itself). */
    @Bean
    ClientRegistrationRepository demoProviderRegistration(PortalAddress address, IdentityProperties properties) {
        return new LazyClientRegistrations(() -> {
            String issuer = address.baseUrl();
            return ClientRegistration.withRegistrationId(IdentityProperties.REGISTRATION_ID)
                    .clientName("つなぐ ID")
                    .clientId(properties.clientId())
                    .clientSecret(portalClientSecret)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope(OidcScopes.OPENID, OidcScopes.PROFILE)
                    .issuerUri(issuer)
                    .authorizationUri(issuer + "/oauth2/authorize")
                    .tokenUri(issuer + "/oauth2/token")
                    .jwkSetUri(issuer + "/oauth2/jwks")
                    .userNameAttributeName("sub")
                    .providerConfigurationMetadata(Map.of("end_session_endpoint", issuer + "/connect/logout"))
                    .build();
        });
    }

    /** Puts the portal's claims (roles, name, organisation) into the ID token. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> demoAccountClaims(IdentityProperties properties) {
        return context -> {
            if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                return;
            }
            DemoAccount.byUsername(context.getPrincipal().getName()).ifPresent(account -> {
                context.getClaims().claim("name", account.displayName());
                context.getClaims().claim("preferred_username", account.username());
                context.getClaims().claim(properties.rolesClaim(), List.of(account.role().name()));
                account.organisation().ifPresent(id -> context.getClaims().claim(properties.organisationClaim(), id));
                account.organisationName().ifPresent(name -> context.getClaims().claim("organization_name", name));
            });
        };
    }

    /** Signing key for ID tokens; made anew at each start (demo sessions do not outlive a restart). */
    @Bean
    JWKSource<SecurityContext> providerSigningKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    private static HttpSessionSecurityContextRepository providerContextRepository() {
        var repository = new HttpSessionSecurityContextRepository();
        repository.setSpringSecurityContextKey(CONTEXT_KEY);
        return repository;
    }

    private static HttpSessionRequestCache providerRequestCache() {
        var cache = new HttpSessionRequestCache();
        cache.setSessionAttrName(SAVED_REQUEST_KEY);
        return cache;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
