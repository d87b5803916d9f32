package jp.tsunagu.identity.provider;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jp.tsunagu.identity.ApiClient;

/**
 * A hospital's system of the demo mode, sending records to the FHIR API with the client-credentials
 * grant. Like the demo accounts, these exist only in the demo mode and their secret is public on
 * purpose (README); the hospitals are the demo clinicians' (fictional) ones.
 *
 * @param organisationCode the hospital's 医療機関コード, put into every access token
 */
record DemoHospitalClient(String clientId, String secret, String organisationCode, String organisationName,
                          Set<String> scopes) {

    static final String SECRET = "tsunagu-demo-hospital";

    static final List<DemoHospitalClient> ALL = List.of(
            new DemoHospitalClient("hospital-tokyo-chuo", SECRET, "1319990011", "東京中央病院",
                    Set.of(ApiClient.SCOPE_IMPORT, ApiClient.SCOPE_REGISTER_PATIENTS)),
            // Import only: it may send records for patients the portal already knows, and nobody new.
            new DemoHospitalClient("hospital-osaka-hokuso", SECRET, "2719990021", "大阪北総合病院",
                    Set.of(ApiClient.SCOPE_IMPORT)));

    static Optional<DemoHospitalClient> byClientId(String clientId) {
        return ALL.stream().filter(client -> client.clientId().equals(clientId)).findFirst();
    }
}
