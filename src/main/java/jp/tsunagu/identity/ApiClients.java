package jp.tsunagu.identity;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Which API client is calling: the one place that turns a bearer token into an {@link ApiClient}.
 * A person signed in to the portal, {@link SystemActor} work and anonymous callers are no API client.
 */
@Component
public class ApiClients {

    private static final String SCOPE_PREFIX = "SCOPE_";

    private final IdentityProperties properties;

    ApiClients(IdentityProperties properties) {
        this.properties = properties;
    }

    public Optional<ApiClient> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token) || !token.isAuthenticated()) {
            return Optional.empty();
        }
        Jwt jwt = token.getToken();
        Set<String> scopes = token.getAuthorities().stream()
                .map(authority -> String.valueOf(authority.getAuthority()))
                .filter(authority -> authority.startsWith(SCOPE_PREFIX))
                .map(authority -> authority.substring(SCOPE_PREFIX.length()))
                .collect(Collectors.toUnmodifiableSet());
        Optional<String> organisation = Optional.ofNullable(jwt.getClaimAsString(properties.organisationClaim()))
                .filter(code -> !code.isBlank());
        return Optional.of(new ApiClient(clientId(token), organisation, scopes));
    }

    /**
     * RFC 9068's {@code client_id} first; providers that predate it name the client in {@code azp}
     * (Keycloak, Entra ID v2), and in a client-credentials token the subject is the client itself.
     */
    private static String clientId(JwtAuthenticationToken token) {
        Jwt jwt = token.getToken();
        return Optional.ofNullable(jwt.getClaimAsString("client_id"))
                .or(() -> Optional.ofNullable(jwt.getClaimAsString("azp")))
                .orElseGet(token::getName);
    }
}
