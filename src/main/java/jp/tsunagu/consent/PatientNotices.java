package jp.tsunagu.consent;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jp.tsunagu.consent.persistence.ConsentStore;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.record.QuarantineDecided;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notices other modules put into the patient's inbox, in the sender's transaction: a trial invitation,
 * records from a hospital that had sent none before.
 */
@Service
public class PatientNotices {

    private final ConsentStore store;
    private final Clock clock;

    PatientNotices(ConsentStore store, Optional<Clock> clock) {
        this.store = store;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * An invitation to a study; the inbox shows the study and who asks, and links to the answer page.
     * The sender learns nothing of the patient from this.
     */
    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional(propagation = Propagation.MANDATORY)
    public void invite(PatientId patient, String studyTitle, String sponsorName, String invitationId) {
        store.addToInbox(patient, clock.instant(), InboxMessage.Kind.INVITATION,
                List.of(studyTitle, sponsorName, invitationId));
    }

    /** The steward decided her "not my record" case: she reads the outcome where she raised it. */
    @EventListener
    void quarantineDecided(QuarantineDecided decided) {
        store.addToInbox(decided.patient(), clock.instant(), InboxMessage.Kind.RECORDS_DECIDED,
                List.of(decided.sender(), decided.decision().name()));
    }

    /**
     * A hospital filed records for the patient for the first time: from now on it treats her, so its
     * doctors may find her and "every hospital treating me" grants cover it. She is told, and the inbox
     * offers "これは私の記録ではありません" for this sender.
     */
    @PreAuthorize(Authorities.CAN_IMPORT)
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordsArrived(PatientId patient, String organisationName, OrganisationId organisation) {
        store.addToInbox(patient, clock.instant(), InboxMessage.Kind.RECORDS_ARRIVED,
                List.of(organisationName, organisation.value().toString()));
    }
}
