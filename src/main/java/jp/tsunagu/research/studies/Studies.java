package jp.tsunagu.research.studies;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.audit.AccessEntry;
import jp.tsunagu.audit.AccessLog;
import jp.tsunagu.audit.NewAccess;
import jp.tsunagu.consent.PatientNotices;
import jp.tsunagu.consent.Purpose;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.identity.StepUp;
import jp.tsunagu.identity.StepUpRequiredException;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.research.Cohorts;
import jp.tsunagu.research.CriteriaJson;
import jp.tsunagu.research.Criterion;
import jp.tsunagu.research.InvalidCriteriaException;
import jp.tsunagu.research.QueryRefusedException;
import jp.tsunagu.research.RegisterChanged;
import jp.tsunagu.research.Released;
import jp.tsunagu.research.Sponsors;
import jp.tsunagu.research.StudyId;
import jp.tsunagu.research.counting.CohortEngine;
import jp.tsunagu.research.studies.persistence.StudyStore;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Studies and their double-blind invitations. A sponsor registers a study with its criteria; a steward
 * approves or rejects it; the sponsor of an approved study invites the matching consented patients
 * without learning who they are (the portal puts the invitation in each patient's inbox); the sponsor
 * sees suppressed counts and the contact details of those who accepted, and each such read is logged.
 */
@Service
public class Studies {

    public static final int NOTE_LIMIT = 1000;

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private final StudyStore store;
    private final Cohorts cohorts;
    private final CohortEngine engine;
    private final Sponsors sponsors;
    private final PatientNotices notices;
    private final AccessLog accessLog;
    private final ActorService actors;
    private final jp.tsunagu.research.counting.persistence.IndexStore numbers;
    private final StepUp stepUp;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Studies(StudyStore store, Cohorts cohorts, CohortEngine engine, Sponsors sponsors, PatientNotices notices,
            AccessLog accessLog, ActorService actors, jp.tsunagu.research.counting.persistence.IndexStore numbers,
            StepUp stepUp, Optional<Clock> clock, ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.stepUp = stepUp;
        this.cohorts = cohorts;
        this.engine = engine;
        this.sponsors = sponsors;
        this.notices = notices;
        this.accessLog = accessLog;
        this.actors = actors;
        this.numbers = numbers;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * The invitation rounds as they were released (when, how many newly invited, suppressed) and the
     * contacts of those who accepted. No running totals of sent or declined: re-read after each round they
     * would tell, by subtraction, what a suppressed round was.
     */
    public record Responses(List<Round> rounds, List<Contact> accepted) {
    }

    public record Round(java.time.Instant at, Released invited) {
    }

    @PreAuthorize(Authorities.IS_SPONSOR)
    @Transactional
    public StudyId register(Study.Draft draft) {
        CriteriaJson.checkLimits(draft.criteria());
        engine.check(draft.criteria());
        Sponsors.Asking asking = sponsors.current();
        StudyId id = StudyId.random();
        store.insertStudy(new StudyStore.StudyRow(id.value(), asking.organisation().id(), asking.organisation().name(),
                draft.title(), draft.summary(), draft.sites(), draft.contact(), CriteriaJson.write(draft.criteria()),
                Study.Status.SUBMITTED.name(), asking.actor().subject(), clock.instant(), Optional.empty(),
                Optional.empty(), Optional.empty()));
        return id;
    }

    @PreAuthorize(Authorities.IS_SPONSOR)
    @Transactional(readOnly = true)
    public List<Study> mine() {
        return store.studiesOf(sponsors.current().organisation().id()).stream().map(Studies::study).toList();
    }

    @PreAuthorize(Authorities.IS_STEWARD)
    @Transactional(readOnly = true)
    public List<Study> awaitingReview() {
        return store.studiesIn(Study.Status.SUBMITTED.name()).stream().map(Studies::study).toList();
    }

    /**
     * Approves or rejects a submitted study once; a rejection needs a note the sponsor can act on. An
     * approval lets a sponsor reach patients, so it needs a recent sign-in; a rejection does not.
     *
     * @throws StepUpRequiredException for an approval without a recent sign-in
     */
    @PreAuthorize(Authorities.IS_STEWARD)
    @Transactional
    public boolean review(StudyId id, boolean approve, String note) {
        if (approve) {
            stepUp.require();
        }
        if (!approve && note.isBlank()) {
            throw new InvalidCriteriaException("research.study.error.noteRequired");
        }
        if (note.length() > NOTE_LIMIT) {
            throw new InvalidCriteriaException("research.study.error.noteTooLong", NOTE_LIMIT);
        }
        String reviewer = actors.currentActor().map(a -> a.displayName()).orElse("unknown");
        boolean reviewed = store.review(id.value(), (approve ? Study.Status.APPROVED : Study.Status.REJECTED).name(),
                reviewer, clock.instant(), note.strip());
        if (reviewed && approve) {
            events.publishEvent(new RegisterChanged());
        }
        return reviewed;
    }

    /**
     * Invites every patient who matches the study now, allows trial recruitment and was not invited to
     * it yet. Counts against the budget and is logged like a count; the sponsor learns only how many were
     * newly invited, suppressed.
     */
    @PreAuthorize(Authorities.IS_SPONSOR)
    @Transactional(noRollbackFor = QueryRefusedException.class)
    public Released invite(StudyId id) {
        Sponsors.Asking asking = sponsors.current();
        StudyStore.StudyRow row = store.study(id.value()).filter(s -> s.sponsor().equals(asking.organisation().id()))
                .orElseThrow(() -> new QueryRefusedException("research.refused.noStudy"));
        if (!row.status().equals(Study.Status.APPROVED.name())) {
            throw new QueryRefusedException("research.refused.notApproved");
        }
        store.lock(id.value());
        Criterion criteria = CriteriaJson.read(row.criteria());
        Cohorts.Asked asked = cohorts.ask(criteria, "INVITATION", Optional.of(id));
        RoaringBitmap cohort = engine.cohort(criteria, Purpose.TRIAL_RECRUITMENT, asked.today());
        Map<Integer, PatientId> patients = numbers.patients(cohort.toArray());
        List<PatientId> matching = Arrays.stream(cohort.toArray()).mapToObj(patients::get)
                .filter(java.util.Objects::nonNull).toList();
        List<PatientId> toInvite = store.notInvited(id.value(), matching);
        RoaringBitmap invitedNumbers = new RoaringBitmap();
        numbers.numbers(toInvite).values().forEach(invitedNumbers::add);
        String label = "invited:" + id.value();
        // The figure is released (and entered in the ledger) first; only then are invitations written and
        // sent. A release that fails leaves nobody invited.
        Released sent = cohorts.release(asked, cohort, Map.of(label, invitedNumbers),
                Map.of(label, Released.forSponsors(invitedNumbers.getLongCardinality())), Optional.empty(),
                figures -> Cohorts.Maps.json(figures.get(label), Map.of())).get(label).figure();
        List<StudyStore.InvitationRow> invited = store.invite(id.value(), toInvite, asked.at());
        // The portal delivers the notices: the sponsor has no way to write to a patient's inbox itself.
        jp.tsunagu.identity.SystemActor.run("study invitations", () -> {
            for (StudyStore.InvitationRow invitation : invited) {
                notices.invite(invitation.patient(), row.title(), row.sponsorName(), invitation.id().toString());
            }
        });
        return sent;
    }

    /** The sponsor's view of the answers; reading the contacts of those who accepted is logged per patient. */
    @PreAuthorize(Authorities.IS_SPONSOR)
    @Transactional
    public Responses responses(StudyId id) {
        Sponsors.Asking asking = sponsors.current();
        store.study(id.value()).filter(s -> s.sponsor().equals(asking.organisation().id()))
                .orElseThrow(() -> new QueryRefusedException("research.refused.noStudy"));
        List<Contact> contacts = store.contacts(id.value());
        for (UUID patient : store.acceptedPatients(id.value())) {
            accessLog.record(new NewAccess(Optional.of(patient), List.of("CONTACT"),
                    Optional.of(Purpose.TRIAL_RECRUITMENT.name()), AccessEntry.Action.READ,
                    AccessEntry.Outcome.PERMITTED, "invitation-contact"));
        }
        List<Round> rounds = cohorts.invitationRounds(id).stream()
                .map(r -> new Round(r.at(), r.invited())).toList();
        return new Responses(rounds, contacts);
    }

    /**
     * The figure the sponsor was already shown for this study's criteria (its newest released count), for the
     * confirmation before an invitation round: the dialog repeats it and never asks anew, so confirming costs
     * no budget and releases nothing. Empty when the sponsor never counted these criteria.
     */
    @PreAuthorize(Authorities.IS_SPONSOR + " and @studyOwnership.ownsStudy(#id)")
    @Transactional(readOnly = true)
    public Optional<Released> figureSeen(StudyId id) {
        String criteria = store.study(id.value()).map(r -> CriteriaJson.definition(CriteriaJson.read(r.criteria())))
                .orElseThrow(() -> new QueryRefusedException("research.refused.noStudy"));
        return cohorts.myQueries().stream()
                .filter(q -> q.kind().equals("COUNT") && q.outcome().equals("RELEASED")
                        && q.definition().equals(criteria))
                .findFirst()
                .map(q -> Released.ofToken(JSON.readTree(q.released()).path("total").asString("<=10")));
    }

    /** A file of the accepted contacts: what to call it (no personal data in the name) and its bytes. */
    public record ContactsFile(String fileName, byte[] bytes) {
    }

    /**
     * The contacts of the patients who accepted and did not withdraw, as CSV ({@link ContactsCsv}). Each patient
     * whose contact goes into the file is logged as read by the sponsor for trial recruitment, in this
     * transaction and before the file exists: if a log row cannot be written, no file is made.
     */
    @PreAuthorize(Authorities.IS_SPONSOR + " and @studyOwnership.ownsStudy(#id)")
    @Transactional
    public ContactsFile contactsFile(StudyId id, ContactsCsv.Header header) {
        List<StudyStore.AcceptedContact> accepted = store.acceptedContacts(id.value());
        for (StudyStore.AcceptedContact a : accepted) {
            accessLog.record(new NewAccess(Optional.of(a.patient()), List.of("CONTACT"),
                    Optional.of(Purpose.TRIAL_RECRUITMENT.name()), AccessEntry.Action.READ,
                    AccessEntry.Outcome.PERMITTED, "invitation-contact-file"));
        }
        byte[] bytes = ContactsCsv.write(header, accepted.stream().map(StudyStore.AcceptedContact::contact).toList());
        String name = "study-" + id.value().toString().substring(0, 8) + "-contacts-"
                + jp.tsunagu.shared.JapanTime.dateOf(clock.instant()) + ".csv";
        return new ContactsFile(name, bytes);
    }

    static Study study(StudyStore.StudyRow row) {
        return new Study(new StudyId(row.id()), row.sponsorName(), row.title(), row.summary(), row.sites(),
                row.contact(), CriteriaJson.read(row.criteria()), Study.Status.valueOf(row.status()),
                row.submittedAt(), row.reviewedAt(), row.reviewNote());
    }
}
