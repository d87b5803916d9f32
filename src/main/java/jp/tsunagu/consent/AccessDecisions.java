package jp.tsunagu.consent;

import jp.tsunagu.consent.persistence.ConsentStore;
import jp.tsunagu.directory.OrganisationId;
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

    /** For the readers of a patient's record for treatment (as {@link SharedRecords#readForTreatment}). */
    @PreAuthorize("hasRole('CLINICIAN') or " + jp.tsunagu.identity.Authorities.IS_SYSTEM)
    @Transactional(readOnly = true)
    public Decision decide(PatientId patient, AccessRequest request) {
        return ConsentRules.decide(store.current(patient), request);
    }

    /**
     * Whether the patient lets this organisation see anything for treatment now (a search may find them): asked
     * by a clinician's patient search.
     */
    @PreAuthorize("hasRole('CLINICIAN')")
    @Transactional(readOnly = true)
    public boolean sharesAnythingWith(PatientId patient, OrganisationId organisation, boolean treats) {
        var directives = store.current(patient);
        java.time.Instant now = java.time.Instant.now();
        return ConsentCategories.SHAREABLE.stream().anyMatch(category -> ConsentRules.decide(directives,
                new AccessRequest(Purpose.TREATMENT, category, java.util.Optional.of(organisation), treats,
                        java.util.Set.of(), now)).permitted());
    }
}
