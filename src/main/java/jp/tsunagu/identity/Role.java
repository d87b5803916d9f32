package jp.tsunagu.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * The four kinds of signed-in user. The public (stakeholders, government) need no account.
 * {@link Names} holds the same names as constants for {@code @RolesAllowed}.
 */
public enum Role {
    PATIENT("patient"),
    CLINICIAN("clinician"),
    SPONSOR("sponsor"),
    STEWARD("steward");

    private final String homeRoute;

    Role(String homeRoute) {
        this.homeRoute = homeRoute;
    }

    /** The route a user of this role lands on after signing in. */
    public String homeRoute() {
        return homeRoute;
    }

    /** The Spring Security authority that {@code @RolesAllowed(Names.X)} checks. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** Reads a role from a claim value of an identity provider: case and a ROLE_ prefix do not matter. */
    public static Optional<Role> fromClaimValue(String value) {
        String normalized = value.trim().toUpperCase(Locale.ROOT);
        if (normalized.startsWith("ROLE_")) {
            normalized = normalized.substring("ROLE_".length());
        }
        for (Role role : values()) {
            if (role.name().equals(normalized)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    public static Optional<Role> fromAuthority(String authority) {
        return authority.startsWith("ROLE_") ? fromClaimValue(authority) : Optional.empty();
    }

    /** Compile-time constants for access annotations. */
    public static final class Names {
        public static final String PATIENT = "PATIENT";
        public static final String CLINICIAN = "CLINICIAN";
        public static final String SPONSOR = "SPONSOR";
        public static final String STEWARD = "STEWARD";

        private Names() {
        }
    }
}
