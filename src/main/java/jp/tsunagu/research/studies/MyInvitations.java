package jp.tsunagu.research.studies;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.audit.AccessEntry;
import jp.tsunagu.audit.AccessLog;
import jp.tsunagu.audit.NewAccess;
import jp.tsunagu.consent.Purpose;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Patient;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.research.InvalidCriteriaException;
import jp.tsunagu.research.RegisterChanged;
import jp.tsunagu.research.studies.persistence.StudyStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The patient's side of an invitation: read the study, then accept (which hands the sponsor the name,
 * phone and e-mail in the directory, and only then) or decline. Only the patient's own invitations,
 * answered once; the acceptance is logged as the patient's decision to share.
 */
@Service
public class MyInvitations {

    private final StudyStore store;
    private final Directory directory;
    private final AccessLog log;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    MyInvitations(StudyStore store, Directory directory, AccessLog log, Optional<Clock> clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.directory = directory;
        this.log = log;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * @param handedOver after acceptance: the name, phone and e-mail the sponsor was given, and when
     * @param withdrawnAt when she withdrew her acceptance, if she did
     */
    public record Invitation(UUID id, Study study, Instant sentAt, Status status, Optional<Instant> answeredAt,
            Optional<Contact> handedOver, Optional<Instant> withdrawnAt) {
    }

    public enum Status { SENT, ACCEPTED, DECLINED }

    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public List<Invitation> mine() {
        return me().map(patient -> store.invitationsOf(patient.id()).stream().map(this::invitation).toList())
                .orElse(List.of());
    }

    /** One of the patient's invitations; empty for anyone else's id. */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public Optional<Invitation> invitation(UUID id) {
        return me().flatMap(patient -> store.invitation(id, patient.id())).map(this::invitation);
    }

    /**
     * Accepts, sharing the contact details, or declines. Accepting without agreeing to share them is
     * refused: the sponsor could not reach the patient otherwise. False when already answered or not the
     * patient's.
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public boolean answer(UUID id, boolean accept, boolean shareContact) {
        if (accept && !shareContact) {
            throw new InvalidCriteriaException("research.invitation.error.shareRequired");
        }
        Optional<Patient> me = me();
        if (me.isEmpty()) {
            return false;
        }
        Patient patient = me.get();
        Optional<Contact> contact = accept ? Optional.of(new Contact(
                patient.details().name().display(), patient.details().phone().orElse(""),
                patient.details().email().orElse(""), clock.instant())) : Optional.empty();
        boolean answered = store.answer(id, patient.id(), accept, contact, clock.instant());
        if (answered) {
            log.record(new NewAccess(Optional.of(patient.id().value()), accept ? List.of("CONTACT") : List.of(),
                    Optional.of(Purpose.TRIAL_RECRUITMENT.name()), AccessEntry.Action.CONSENT_CHANGE,
                    AccessEntry.Outcome.RECORDED, accept ? "invitation-accept" : "invitation-decline"));
            if (accept) {
                events.publishEvent(new RegisterChanged()); // her contact is now the sponsor's: the register says when
            }
        }
        return answered;
    }

    /**
     * Withdraws an acceptance: the sponsor no longer sees her among those to contact. What it was already given
     * (name, phone, e-mail) cannot be taken back; the invitation page says so. False when not accepted, already
     * withdrawn or not hers.
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public boolean withdraw(UUID id) {
        Optional<Patient> me = me();
        if (me.isEmpty() || !store.withdraw(id, me.get().id(), clock.instant())) {
            return false;
        }
        log.record(new NewAccess(Optional.of(me.get().id().value()), List.of("CONTACT"),
                Optional.of(Purpose.TRIAL_RECRUITMENT.name()), AccessEntry.Action.CONSENT_CHANGE,
                AccessEntry.Outcome.RECORDED, "invitation-withdraw"));
        return true;
    }

    private Invitation invitation(StudyStore.InvitationRow row) {
        Study study = store.study(row.study()).map(Studies::study).orElseThrow();
        Optional<StudyStore.Handover> handover = row.status().equals("ACCEPTED")
                ? store.handover(row.id(), row.patient()) : Optional.empty();
        return new Invitation(row.id(), study, row.sentAt(), Status.valueOf(row.status()), row.answeredAt(),
                handover.map(h -> new Contact(h.name(), h.phone(), h.email(), h.at())),
                handover.flatMap(StudyStore.Handover::withdrawnAt));
    }

    private Optional<Patient> me() {
        return directory.signedInPatient();
    }
}
