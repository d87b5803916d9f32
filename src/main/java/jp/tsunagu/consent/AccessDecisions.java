package jp.tsunagu.consent;

import jp.tsunagu.consent.persistence.ConsentStore;
import jp.tsunagu.directory.PatientId;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decision point: "may this requester read category C of patient P for purpose U now?" Reads the
 * ledger as committed at the moment of asking (nothing cached), so a revocation holds for the next
 * request. Callers that read data use {@link SharedRecords}, which asks here, filters and logs.
 */
@Service
public class AccessDecisions {

    private final ConsentStore store;

    AccessDecisions(ConsentStore store) {
        this.store = store;
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Decision decide(PatientId patient, AccessRequest request) {
        return ConsentRules.decide(store.current(patient), request);
    }
}
