package jp.tsunagu.identity.provider;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jp.tsunagu.identity.AccountSettingsLink;
import jp.tsunagu.identity.IdentityProperties;
import jp.tsunagu.identity.oidc.LazyClientRegistrations;
import jp.tsunagu.identity.oidc.PortalAddress;
import jp.tsunagu.identity.persistence.PasskeyStore;
import jp.tsunagu.identity.persistence.SecondFactorStore;
import jp.tsunagu.identity.throttle.SignInThrottle;
import jp.tsunagu.identity.throttle.SignInThrottleFilter;
import jp.tsunagu.shared.DemoMode;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
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
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
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
import org.springframework.util.function.SingletonSupplier;

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
    private static final String ORGANISATION_NAME_CLAIM = "organization_name";
    /** RFC 9068; the FHIR API accepts no other type from this provider. */
    private static final String ACCESS_TOKEN_TYPE = "at+jwt";

    private final String portalClientSecret = randomSecret();

    @Bean
    ProviderSession providerSession() {
        return new ProviderSession();
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, ProviderSession session) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(session.contextRepository()))
                .requestCache(cache -> cache.requestCache(session.requestCache()))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain providerLoginChain(HttpSecurity http, ProviderSession session, SecondFactorStore factors,
            PasskeyStore passkeys) throws Exception {
        http.securityMatcher("/idp/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .securityContext(context -> context.securityContextRepository(session.contextRepository()))
                .requestCache(cache -> cache.requestCache(session.requestCache()))
                .formLogin(form -> form
                        .loginPage(LOGIN_PAGE)
                        .failureUrl(LOGIN_PAGE + "?error")
                        // the password is the first step; the sign-in completes at the second factor
                        .successHandler(SecondFactorPages.afterPassword(factors, passkeys, session)))
                .logout(logout -> logout.disable());
        return http.build();
    }

    /** Failed sign-ins per account and per API client: a growing delay after 3, a 15-minute lock after 10. */
    @Bean
    SignInThrottle accountThrottle() {
        return new SignInThrottle(3, 10, Duration.ofMinutes(15), Clock.systemUTC());
    }

    /** Failed sign-ins per client address, across accounts (hospitals sit behind shared addresses). */
    @Bean
    SignInThrottle addressThrottle() {
        return new SignInThrottle(20, 100, Duration.ofMinutes(15), Clock.systemUTC());
    }

    /** Before the security chains, so that a locked key never reaches a password check. */
    @Bean
    FilterRegistrationBean<SignInThrottleFilter> signInThrottleFilter(SignInThrottle accountThrottle,
            SignInThrottle addressThrottle) {
        var registration = new FilterRegistrationBean<>(new SignInThrottleFilter(LOGIN_PAGE, accountThrottle,
                addressThrottle));
        registration.setOrder(-200);
        return registration;
    }

    /** The provider's page for a person's passkeys, linked from the portal's menu. */
    @Bean
    AccountSettingsLink accountSettingsLink() {
        return new AccountSettingsLink(PasskeyPages.MANAGE);
    }

    /** prompt=login and max_age, before the security chains read the provider's sign-in. */
    @Bean
    FilterRegistrationBean<Reauthentication> reauthentication(ProviderSession session) {
        var registration = new FilterRegistrationBean<>(new Reauthentication("/oauth2/authorize",
                session.contextRepository(), Clock.systemUTC()));
        registration.setOrder(-150);
        return registration;
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

    /**
     * The provider's clients: the portal (confidential, must use PKCE) and the demo hospitals'
     * systems (client credentials, for the FHIR API).
     */
    @Bean
    RegisteredClientRepository registeredClients(PortalAddress address, IdentityProperties properties) {
        return new LazyRegisteredClients(() -> {
            List<RegisteredClient> clients = new ArrayList<>();
            clients.add(portalClient(address, properties));
            DemoHospitalClient.ALL.stream().map(EmbeddedProviderConfiguration::hospitalClient).forEach(clients::add);
            return clients;
        });
    }

    private RegisteredClient portalClient(PortalAddress address, IdentityProperties properties) {
        return RegisteredClient.withId("tsunagu-portal")
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
                .build();
    }

    /**
     * Self-contained (JWT) access tokens, so the FHIR API checks them without asking the provider;
     * short-lived, because nothing can revoke a JWT before it expires.
     */
    private static RegisteredClient hospitalClient(DemoHospitalClient hospital) {
        return RegisteredClient.withId(hospital.clientId())
                .clientId(hospital.clientId())
                .clientName(hospital.organisationName())
                .clientSecret("{noop}" + hospital.secret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> scopes.addAll(hospital.scopes()))
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(Duration.ofMinutes(10))
                        .build())
                .build();
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

    /**
     * Puts the portal's claims (roles, name, organisation) into the ID token, and the calling
     * hospital into a hospital system's access token. Access tokens are typed {@code at+jwt}
     * (RFC 9068), so that an ID token, signed with the same key, is never accepted as one.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> providerTokenClaims(IdentityProperties properties) {
        return context -> {
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                // How the person signed in (RFC 8176): the portal requires a second factor of staff.
                List<String> factors = context.getPrincipal().getAuthorities().stream()
                        .map(a -> a.getAuthority()).toList();
                // hwk: a proof of possession of a key (RFC 8176); the passkey's device also checked its owner.
                context.getClaims().claim("amr", factors.contains(PasskeyPages.FACTOR_WEBAUTHN) ? List.of("pwd", "hwk")
                        : factors.contains(SecondFactorPages.FACTOR_OTP) ? List.of("pwd", "otp") : List.of("pwd"));
                DemoAccount.byUsername(context.getPrincipal().getName()).ifPresent(account -> {
                    context.getClaims().claim("name", account.displayName());
                    context.getClaims().claim("preferred_username", account.username());
                    context.getClaims().claim(properties.rolesClaim(), List.of(account.role().name()));
                    account.organisation().ifPresent(id -> context.getClaims().claim(properties.organisationClaim(), id));
                    account.organisationName().ifPresent(name -> context.getClaims().claim(ORGANISATION_NAME_CLAIM, name));
                });
            } else if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                String clientId = context.getRegisteredClient().getClientId();
                context.getJwsHeader().type(ACCESS_TOKEN_TYPE);
                context.getClaims().claim("client_id", clientId);
                if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                    DemoHospitalClient.byClientId(clientId).ifPresent(hospital -> {
                        context.getClaims().claim(properties.organisationClaim(), hospital.organisationCode());
                        context.getClaims().claim(ORGANISATION_NAME_CLAIM, hospital.organisationName());
                    });
                }
            }
        };
    }

    /**
     * How the FHIR API checks this provider's access tokens: against the signing key in memory (no
     * HTTP call to itself, which would fail while the server starts), only typed as access tokens,
     * and only from this provider's issuer. The issuer is the portal's address, which with a random
     * port (tests) is known only once the server listens, hence looked up at the first token.
     */
    @Bean
    JwtDecoder providerAccessTokenDecoder(JWKSource<SecurityContext> providerSigningKey, PortalAddress address) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(providerSigningKey).build();
        SingletonSupplier<JwtIssuerValidator> issuer = SingletonSupplier.of(() -> new JwtIssuerValidator(address.baseUrl()));
        OAuth2TokenValidator<Jwt> fromThisProvider = jwt -> issuer.obtain().validate(jwt);
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                new JwtTypeValidator(ACCESS_TOKEN_TYPE), fromThisProvider));
        return decoder;
    }

    /** Signing key for ID and access tokens; made anew at each start (demo sessions do not outlive a restart). */
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

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
