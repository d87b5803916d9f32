package jp.tsunagu.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** Puts a signed-in person into the security context, shaped as the portal's OIDC login leaves it. */
public final class TestActors {

    private TestActors() {
    }

    public static void signIn(String subject, String name, Role role) {
        signIn(subject, name, role, Map.of());
    }

    /** As {@link #signInAt}, signed in at the provider at {@code authTime}: e.g. too long ago for step-up. */
    public static void signInAt(String subject, String name, Role role, String institutionCode, Instant authTime) {
        signIn(subject, name, role, Map.of("organization", institutionCode, "auth_time", authTime));
    }

    /** A clinician acting for an organisation (its 医療機関コード in the {@code organization} claim). */
    public static void signInAt(String subject, String name, Role role, String institutionCode) {
        signIn(subject, name, role, Map.of("organization", institutionCode));
    }

    private static void signIn(String subject, String name, Role role, Map<String, Object> extra) {
        // signed in just now, as after the provider's login (auth_time: what step-up looks at)
        Map<String, Object> claims = new java.util.HashMap<>(Map.of("sub", subject, "name", name,
                "roles", List.of(role.name()), "auth_time", Instant.now()));
        claims.putAll(extra);
        var token = new OidcIdToken("test-token", Instant.now(), Instant.now().plusSeconds(600), claims);
        var user = new DefaultOidcUser(List.of(new SimpleGrantedAuthority(role.authority())), token, "sub");
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new OAuth2AuthenticationToken(user, user.getAuthorities(), "tsunagu"));
        SecurityContextHolder.setContext(context);
    }

    public static void signOut() {
        SecurityContextHolder.clearContext();
    }
}
