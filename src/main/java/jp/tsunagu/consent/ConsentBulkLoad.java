package jp.tsunagu.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jp.tsunagu.consent.persistence.ConsentStore;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.Authorities;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Purpose switches for many synthetic patients at once (the demo population: some of its people have
 * opted in to trial recruitment, as real ones would). Only the portal itself may do this; each patient
 * gets the same directive the consent screen's switch writes; one event says many changed.
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
            store.insert(new Directive(DirectiveId.random(), 1, patient, purpose, Directive.Effect.PERMIT,
                    new Grantee.Audience(), ConsentCategories.SHAREABLE, Set.of(), now, Optional.empty(),
                    Directive.Status.ACTIVE, now, recordedBy));
            changed++;
        }
        events.publishEvent(new ConsentsChangedInBulk(changed));
        return changed;
    }
}
