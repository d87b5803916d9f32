package jp.tsunagu.identity.oidc;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;

/**
 * Staff (clinicians, stewards, sponsors) sign in with a second factor: the ID token's {@code amr}
 * (RFC 8176) must name one of the accepted methods. Patients may use one, and need not.
 */
final class SecondFactorRule {

    /** The OAuth2 error code the login failure page explains. */
    static final String ERROR = "second_factor_required";

    private SecondFactorRule() {
    }

    static boolean satisfied(Collection<? extends GrantedAuthority> authorities, Map<String, Object> claims,
            Collection<String> accepted) {
        boolean staff = authorities.stream().map(GrantedAuthority::getAuthority)
                .anyMatch(a -> a.startsWith("ROLE_") && !a.equals("ROLE_PATIENT"));
        if (!staff) {
            return true;
        }
        Object amr = claims.get("amr");
        List<?> methods = amr instanceof List<?> list ? list : amr instanceof String one ? List.of(one) : List.of();
        return methods.stream().map(String::valueOf).anyMatch(accepted::contains);
    }
}
