package jp.tsunagu.identity;

/**
 * Authorities that are not a person's {@link Role}: in-process jobs and API clients. The SpEL
 * constants are for {@code @PreAuthorize} on service methods.
 *
 * <p>{@link #SYSTEM} comes only from {@link SystemActor}: no token or login can carry it, because
 * roles from an ID token are limited to {@link Role} and bearer-token scopes always get the
 * {@code SCOPE_} prefix.
 */
public final class Authorities {

    /** Work the portal starts itself (the import command-line runner, the demo data loader). */
    public static final String SYSTEM = "ROLE_SYSTEM";

    /** An API client may send records of its own organisation's patients. */
    public static final String FHIR_IMPORT = "SCOPE_" + ApiClient.SCOPE_IMPORT;

    /** An API client may create patients that the directory does not know yet. */
    public static final String FHIR_REGISTER_PATIENTS = "SCOPE_" + ApiClient.SCOPE_REGISTER_PATIENTS;

    public static final String IS_SYSTEM = "hasAuthority('" + SYSTEM + "')";

    public static final String CAN_IMPORT = "hasAnyAuthority('" + SYSTEM + "','" + FHIR_IMPORT + "')";

    public static final String CAN_REGISTER_PATIENTS =
            "hasAnyAuthority('" + SYSTEM + "','" + FHIR_REGISTER_PATIENTS + "')";

    /** A signed-in patient: the only caller of the "my record" services, which find the patient themselves. */
    public static final String IS_PATIENT = "hasRole('" + Role.Names.PATIENT + "')";

    /** A trial sponsor or researcher: counts, studies, invitations, post-market views. */
    public static final String IS_SPONSOR = "hasRole('" + Role.Names.SPONSOR + "')";

    /** A data steward: reviews, approvals, the audit chain. */
    public static final String IS_STEWARD = "hasRole('" + Role.Names.STEWARD + "')";

    private Authorities() {
    }
}
