package jp.tsunagu.record;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.audit.AccessEntry.Action;
import jp.tsunagu.audit.AccessEntry.Outcome;
import jp.tsunagu.audit.AccessLog;
import jp.tsunagu.audit.NewAccess;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.record.persistence.QuarantineStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "これは私の記録ではありません": a patient says a sender filed somebody else's records under her name (the
 * mis-linking Japan's national systems have seen). Everything that sender filed for her is held back from
 * every reader at once — clinicians, cohort counts, public figures — and marked in her own view, until a
 * data steward releases it (it was hers after all) or removes it (with the sender's link to her), with a
 * note. Each step is in her access log.
 */
@Service
public class Quarantines {

    /** A case as the steward's queue shows it. */
    public record Case(UUID id, PatientId patient, OrganisationId organisation, Instant openedAt, State state,
            Optional<Instant> resolvedAt, Optional<String> note, int items) {
    }

    public enum State { OPEN, RELEASED, REMOVED }

    private final QuarantineStore store;
    private final MyRecord myRecord;
    private final Directory directory;
    private final AccessLog log;
    private final ActorService actors;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Quarantines(QuarantineStore store, MyRecord myRecord, Directory directory, AccessLog log, ActorService actors,
            ApplicationEventPublisher events, Optional<Clock> clock) {
        this.store = store;
        this.myRecord = myRecord;
        this.directory = directory;
        this.log = log;
        this.actors = actors;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * The signed-in patient holds back everything the organisation filed for her. Repeating it changes
     * nothing. Only an organisation that treats her (that filed something) can be named.
     *
     * @return false when the organisation filed nothing for her
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public boolean notMine(OrganisationId organisation) {
        PatientId patient = myRecord.me()
                .orElseThrow(() -> new IllegalStateException("this account is not linked to a patient record"));
        if (!directory.treats(patient, organisation)) {
            return false;
        }
        boolean alreadyOpen = store.openCase(patient, organisation).isPresent();
        store.open(patient, organisation, clock.instant());
        if (!alreadyOpen) {
            logStep(patient, organisation, State.OPEN);
            events.publishEvent(RecordChanged.of(patient));
        }
        return true;
    }

    /** The signed-in patient's cases, open and decided, oldest first. */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public List<Case> mine() {
        return myRecord.me().map(p -> store.ofPatient(p).stream().map(Quarantines::asCase).toList())
                .orElse(List.of());
    }

    /** The steward's queue: every open case, oldest first. */
    @PreAuthorize("hasRole('STEWARD') or " + Authorities.IS_SYSTEM)
    @Transactional(readOnly = true)
    public List<Case> open() {
        return store.open().stream().map(Quarantines::asCase).toList();
    }

    /**
     * A steward decides an open case: RELEASED gives the items back to every reader; REMOVED deletes them
     * and unlinks the sender from the patient (its care relationship and its own patient numbers), so the
     * sender's next bundle no longer finds her. A note is required either way.
     *
     * @return false when the case is not open (decided by somebody else meanwhile) or unknown
     */
    @PreAuthorize("hasRole('STEWARD')")
    @Transactional
    public boolean decide(UUID caseId, State decision, String note) {
        if (decision == State.OPEN || note.isBlank()) {
            throw new IllegalArgumentException("a decision is RELEASED or REMOVED, with a note");
        }
        Optional<QuarantineStore.Case> open = store.byId(caseId).filter(c -> c.state().equals("OPEN"));
        if (open.isEmpty()) {
            return false;
        }
        QuarantineStore.Case c = open.get();
        String steward = actors.currentActor().orElseThrow().subject();
        if (!store.resolve(caseId, decision.name(), clock.instant(), steward, note.strip())) {
            return false;
        }
        if (decision == State.RELEASED) {
            store.release(c.patient(), c.organisation());
        } else {
            store.remove(c.patient(), c.organisation());
            directory.unlinkSender(c.patient(), c.organisation());
        }
        String sender = logStep(c.patient(), c.organisation(), decision);
        events.publishEvent(new QuarantineDecided(c.patient(), sender, decision));
        events.publishEvent(RecordChanged.of(c.patient()));
        return true;
    }

    /** The log row names the step (as its purpose) and the sender by name, which is what the patient reads. */
    private String logStep(PatientId patient, OrganisationId organisation, State step) {
        String sender = directory.organisationNames(List.of(organisation)).getOrDefault(organisation, "");
        log.record(new NewAccess(Optional.of(patient.value()), List.of(), Optional.of(step.name()),
                Action.QUARANTINE, Outcome.RECORDED, sender));
        return sender;
    }

    private static Case asCase(QuarantineStore.Case c) {
        return new Case(c.id(), c.patient(), c.organisation(), c.openedAt(), State.valueOf(c.state()), c.resolvedAt(),
                c.note(), c.items());
    }
}
