package jp.tsunagu.consent;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jp.tsunagu.consent.persistence.ConsentStore;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.Authorities;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Notices other modules put into the patient's inbox: a trial invitation, in the sender's transaction. */
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
}
