package jp.tsunagu.identity;

import java.util.Optional;
import java.util.Set;

/**
 * A system calling the FHIR API with a bearer token (a hospital's system), as its token vouches for
 * it.
 *
 * @param clientId the client the token was issued to
 * @param organisationCode the organisation it sends for (医療機関コード), from the token's
 *     organisation claim; a client without one may not send records
 * @param scopes the granted scopes without the {@code SCOPE_} prefix, e.g. {@code fhir.import}
 */
public record ApiClient(String clientId, Optional<String> organisationCode, Set<String> scopes) {

    public static final String SCOPE_IMPORT = "fhir.import";
    public static final String SCOPE_REGISTER_PATIENTS = "fhir.register-patients";

    public ApiClient {
        scopes = Set.copyOf(scopes);
    }

    public boolean mayImport() {
        return scopes.contains(SCOPE_IMPORT);
    }

    /** Whether it may create patients the directory does not know yet (otherwise it may only match). */
    public boolean mayRegisterPatients() {
        return scopes.contains(SCOPE_REGISTER_PATIENTS);
    }
}
