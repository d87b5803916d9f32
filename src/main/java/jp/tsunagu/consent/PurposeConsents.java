package jp.tsunagu.consent;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.tsunagu.consent.persistence.ConsentStore;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.record.RecordCategory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decision point asked in bulk, for aggregate uses (counts for trial recruitment, post-market
 * analyses): which categories of whose record a purpose may count now. The same {@link ConsentRules}
 * answer each patient; only patients who said something about the purpose are listed, everybody else
 * has the purpose's default. Sensitive labels are not part of the answer: aggregate uses never count
 * labelled items (research's index leaves them out).
 */
@Service
public class PurposeConsents {

    private final ConsentStore store;

    PurposeConsents(ConsentStore store) {
        this.store = store;
    }

    /** The patients who have directives for the purpose, with the categories it may count of each now. */
    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional(readOnly = true)
    public Map<PatientId, Set<RecordCategory>> exceptions(Purpose purpose, Instant at) {
        Map<PatientId, List<Directive>> byPatient = new HashMap<>();
        store.currentForPurpose(purpose, d -> byPatient.computeIfAbsent(d.patient(), p -> new java.util.ArrayList<>())
                .add(d));
        Map<PatientId, Set<RecordCategory>> permitted = new HashMap<>();
        byPatient.forEach((patient, directives) -> permitted.put(patient, decide(directives, purpose, at)));
        return permitted;
    }

    /** The categories the purpose may count of this patient now. */
    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional(readOnly = true)
    public Set<RecordCategory> permitted(PatientId patient, Purpose purpose, Instant at) {
        return decide(store.current(patient), purpose, at);
    }

    /**
     * The patients who share this category with at least one organisation for treatment now (a grant to one
     * hospital or to all treating them): for public figures such as "allergies visible across hospitals".
     */
    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional(readOnly = true)
    public Set<PatientId> sharingForTreatment(RecordCategory category, Instant at) {
        Set<PatientId> sharing = new java.util.HashSet<>();
        store.currentForPurpose(Purpose.TREATMENT, d -> {
            if (d.effect() == Directive.Effect.PERMIT && d.inForceAt(at) && d.categories().contains(category)) {
                sharing.add(d.patient());
            }
        });
        return sharing;
    }

    /** Patients with a directive that starts or ends in (from, to]: their answer changed without a new version. */
    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional(readOnly = true)
    public List<PatientId> boundariesBetween(Instant from, Instant to) {
        return store.boundariesBetween(from, to);
    }

    private static Set<RecordCategory> decide(List<Directive> directives, Purpose purpose, Instant at) {
        Set<RecordCategory> permitted = EnumSet.noneOf(RecordCategory.class);
        for (RecordCategory category : ConsentCategories.SHAREABLE) {
            if (ConsentRules.decide(directives, new AccessRequest(purpose, category, Optional.empty(), false, Set.of(),
                    at)).permitted()) {
                permitted.add(category);
            }
        }
        return permitted;
    }
}
