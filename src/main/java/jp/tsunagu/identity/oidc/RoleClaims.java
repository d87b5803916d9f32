package jp.tsunagu.identity.oidc;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.tsunagu.identity.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Reads portal roles from an ID-token claim. The claim may be a list or a single string, and a
 * dotted name reads a nested claim. Values that are not portal roles are ignored, so a person with
 * no portal role is signed in with no access at all rather than refused with a crash.
 */
final class RoleClaims {

    private RoleClaims() {
    }

    static Set<GrantedAuthority> authorities(Map<String, Object> claims, String claimPath) {
        Object value = claims;
        for (String part : claimPath.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return Set.of();
            }
            value = map.get(part);
        }
        Collection<?> values = switch (value) {
            case Collection<?> collection -> collection;
            case String single -> List.of(single.split("[ ,]+"));
            case null, default -> List.of();
        };
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (Object each : values) {
            Role.fromClaimValue(String.valueOf(each))
                    .ifPresent(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        }
        return authorities;
    }
}
