package jp.tsunagu.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.tsunagu.consent.persistence.ConsentStore;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.identity.Authorities;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent choices for many synthetic patients at once (the demo population: some of its people share
 * their record with the hospitals treating them, some turned purposes off, some opted in to trial
 * recruitment, as real ones would). Only the portal itself may do this; each patient gets the same
 * directives the consent screen writes; one event says many changed.
 */
@Service
public class ConsentBulkLoad {

    private final ConsentStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ConsentBulkLoad(ConsentStore store, ApplicationEventPublisher events, Optional<Clock> clock) {
        this.store = store;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * A person's standing choices as the consent screen writes them: the categories every hospital treating
     * her may see (none: she has not shared), and the default-on purposes she turned off.
     */
    public record Standing(Set<RecordCategory> sharedForTreatment, Set<Purpose> optedOut) {
        public Standing {
            sharedForTreatment = Set.copyOf(sharedForTreatment);
            optedOut = Set.copyOf(optedOut);
            if (!ConsentCategories.SHAREABLE.containsAll(sharedForTreatment)) {
                throw new IllegalArgumentException("not shareable: " + sharedForTreatment);
            }
            if (optedOut.stream().anyMatch(p -> !p.patientSwitch() || !p.permittedByDefault())) {
                throw new IllegalArgumentException("not an opt-out purpose: " + optedOut);
            }
        }
    }

    /**
     * Writes these choices for the patients who have no directive yet, so that a second run adds nothing;
     * returns for how many patients something was written.
     */
    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional
    public int settle(Map<PatientId, Standing> choices, String recordedBy) {
        Instant now = clock.instant();
        int changed = 0;
        for (Map.Entry<PatientId, Standing> entry : choices.entrySet()) {
            PatientId patient = entry.getKey();
            Standing standing = entry.getValue();
            if (standing.sharedForTreatment().isEmpty() && standing.optedOut().isEmpty()
                    || !store.current(patient).isEmpty()) {
                continue;
            }
            if (!standing.sharedForTreatment().isEmpty()) {
                store.insert(new Directive(DirectiveId.random(), 1, patient, Purpose.TREATMENT, Directive.Effect.PERMIT,
                        new Grantee.Treating(), standing.sharedForTreatment(), Set.of(), now, Optional.empty(),
                        Directive.Status.ACTIVE, now, recordedBy));
            }
            for (Purpose purpose : standing.optedOut()) {
                store.insert(purposeSwitch(patient, purpose, Directive.Effect.DENY, now, recordedBy));
            }
            changed++;
        }
        events.publishEvent(new ConsentsChangedInBulk(changed));
        return changed;
    }

    /** Turns the purpose on for the patients who have said nothing about it yet; returns how many. */
    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional
    public int optIn(Collection<PatientId> patients, Purpose purpose, String recordedBy) {
        if (!purpose.patientSwitch() || purpose.permittedByDefault()) {
            throw new IllegalArgumentException(purpose + " is not an opt-in purpose");
        }
        Instant now = clock.instant();
        int changed = 0;
        for (PatientId patient : patients) {
            List<Directive> current = store.current(patient);
            if (current.stream().anyMatch(d -> d.purpose() == purpose)) {
                continue;
            }
            store.insert(purposeSwitch(patient, purpose, Directive.Effect.PERMIT, now, recordedBy));
            changed++;
        }
        events.publishEvent(new ConsentsChangedInBulk(changed));
        return changed;
    }

    /** What the consent screen's switch for a purpose writes: everything, for the purpose's whole audience. */
    private static Directive purposeSwitch(PatientId patient, Purpose purpose, Directive.Effect effect, Instant now,
            String recordedBy) {
        return new Directive(DirectiveId.random(), 1, patient, purpose, effect, new Grantee.Audience(),
                ConsentCategories.SHAREABLE, Set.of(), now, Optional.empty(), Directive.Status.ACTIVE, now, recordedBy);
    }
}
