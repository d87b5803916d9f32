package jp.tsunagu.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

class RoleClaimsTest {

    @Test
    void listClaim_grantsOnlyPortalRoles() {
        var claims = Map.<String, Object>of("roles", List.of("patient", "offline_access", "ROLE_STEWARD"));
        assertThat(names(RoleClaims.authorities(claims, "roles"))).containsExactly("ROLE_PATIENT", "ROLE_STEWARD");
    }

    @Test
    void nestedClaim_isReadByDottedPath() {
        var claims = Map.<String, Object>of("realm_access", Map.of("roles", List.of("Clinician")));
        assertThat(names(RoleClaims.authorities(claims, "realm_access.roles"))).containsExactly("ROLE_CLINICIAN");
    }

    @Test
    void spaceSeparatedString_isSplit() {
        assertThat(names(RoleClaims.authorities(Map.of("groups", "sponsor steward"), "groups")))
                .containsExactly("ROLE_SPONSOR", "ROLE_STEWARD");
    }

    @Test
    void missingOrForeignClaim_grantsNothing() {
        assertThat(RoleClaims.authorities(Map.of(), "roles")).isEmpty();
        assertThat(RoleClaims.authorities(Map.of("roles", List.of("admin")), "roles")).isEmpty();
        assertThat(RoleClaims.authorities(Map.of("realm_access", "x"), "realm_access.roles")).isEmpty();
    }

    private static List<String> names(java.util.Set<GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).toList();
    }
}
