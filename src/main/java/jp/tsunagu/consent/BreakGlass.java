package jp.tsunagu.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.audit.AccessEntry.Action;
import jp.tsunagu.audit.AccessEntry.Outcome;
import jp.tsunagu.audit.AccessLog;
import jp.tsunagu.audit.NewAccess;
import jp.tsunagu.consent.persistence.ConsentStore;
import jp.tsunagu.consent.persistence.EmergencyStore;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.Actor;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.identity.StepUp;
import jp.tsunagu.identity.StepUpRequiredException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Break-the-glass: a clinician opens a patient's record in an emergency, with a reason from the list and
 * an explanation. The opening lasts {@code tsunagu.consent.emergency-duration} (60 minutes unless
 * configured), is logged, reaches the patient's inbox at once whatever their preferences, and waits in
 * the stewards' queue until reviewed. Reading during it goes through {@link SharedRecords#readInEmergency}.
 */
@Service
@EnableConfigurationProperties(ConsentProperties.class)
public class BreakGlass {

    /** The longest explanation kept; enough for a few sentences, not for a record. */
    public static final int MAX_DETAIL = 500;

    private final EmergencyStore store;
    private final ConsentStore consent;
    private final Directory directory;
    private final ActorService actors;
    private final AccessLog log;
    private final ConsentProperties properties;
    private final StepUp stepUp;
    private final Clock clock;

    BreakGlass(EmergencyStore store, ConsentStore consent, Directory directory, ActorService actors, AccessLog log,
            ConsentProperties properties, StepUp stepUp, Optional<Clock> clock) {
        this.store = store;
        this.consent = consent;
        this.directory = directory;
        this.actors = actors;
        this.log = log;
        this.properties = properties;
        this.stepUp = stepUp;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * @throws IllegalArgumentException {@code emergency.error.reason} without a reason or explanation,
     *     {@code emergency.error.tooLong} for an explanation over {@link #MAX_DETAIL} characters
     * @throws StepUpRequiredException unless the clinician signed in within the step-up window
     */
    @PreAuthorize("hasRole('CLINICIAN')")
    @Transactional
    public EmergencyAccess open(PatientId patient, Optional<EmergencyReason> reason, String detail) {
        stepUp.require();
        if (reason.isEmpty() || detail.isBlank()) {
            throw new IllegalArgumentException("emergency.error.reason");
        }
        if (detail.strip().length() > MAX_DETAIL) {
            throw new IllegalArgumentException("emergency.error.tooLong");
        }
        Actor clinician = actors.currentActor().orElseThrow();
        Instant now = clock.instant();
        var access = new EmergencyAccess(UUID.randomUUID(), patient, clinician.subject(), clinician.displayName(),
                clinician.organisation(), reason.get(), detail.strip(), now, now.plus(properties.emergencyDuration()),
                Optional.empty());
        store.insert(access);
        log.record(new NewAccess(Optional.of(patient.value()), List.of(), Optional.of(Purpose.EMERGENCY.name()),
                Action.EMERGENCY_ACCESS, Outcome.PERMITTED, reason.get().name() + ": " + access.detail()));
        String organisation = directory.signedInOrganisation().map(o -> o.details().name()).orElse("");
        consent.addToInbox(patient, now, InboxMessage.Kind.EMERGENCY_ACCESS,
                List.of(clinician.displayName(), organisation, reason.get().name(), access.id().toString()));
        return access;
    }

    /** The signed-in clinician's open break-the-glass for this patient, if any (for the countdown). */
    @PreAuthorize("hasRole('CLINICIAN')")
    @Transactional(readOnly = true)
    public Optional<EmergencyAccess> openFor(PatientId patient) {
        return store.open(patient, actors.currentActor().orElseThrow().subject(), clock.instant());
    }

    /** The stewards' queue: every break-the-glass not yet reviewed, oldest first. */
    @PreAuthorize("hasRole('STEWARD')")
    @Transactional(readOnly = true)
    public List<EmergencyAccess> pendingReview() {
        return store.pending();
    }

    /**
     * What a steward needs to judge one event: whose record, what was read during it and for how long.
     * Showing the patient's name to the steward is itself a read, logged with the event.
     */
    public record ReviewCase(EmergencyAccess access, String patientName, java.time.LocalDate birthDate,
            List<String> categoriesRead, int reads, java.time.Duration open, boolean overdue,
            Optional<Instant> objectedAt, String organisationName) {
    }

    /** Unreviewed for longer than this, an event is overdue (the steward's screen flags it, the log warns). */
    public static final java.time.Duration REVIEW_DUE = java.time.Duration.ofHours(24);

    @PreAuthorize("hasRole('STEWARD')")
    @Transactional
    public List<ReviewCase> casesForReview() {
        Instant now = clock.instant();
        List<EmergencyAccess> pending = store.pending();
        java.util.Map<UUID, Instant> objections = store.objections(pending.stream().map(EmergencyAccess::id).toList());
        return pending.stream().map(access -> {
            var patient = directory.patient(access.patient()).orElseThrow();
            List<jp.tsunagu.audit.AccessEntry> during = log.aboutPatient(access.patient().value(), 500).stream()
                    .filter(e -> e.actor().equals(access.clinician()) && e.outcome() == Outcome.PERMITTED
                            && e.action() == Action.READ && !e.at().isBefore(access.openedAt())
                            && e.at().isBefore(access.expiresAt()))
                    .toList();
            List<String> categories = ConsentCategories.inOrder(
                    during.stream().flatMap(e -> e.categories().stream()).toList());
            // The steward saw whose record it was: logged as part of the review, not as a read of the record.
            log.record(new NewAccess(Optional.of(access.patient().value()), List.of(),
                    Optional.of(Purpose.EMERGENCY.name()), Action.EMERGENCY_REVIEW, Outcome.PERMITTED,
                    "review-case-shown"));
            Instant end = now.isBefore(access.expiresAt()) ? now : access.expiresAt();
            return new ReviewCase(access, patient.details().name().display(), patient.details().birthDate(),
                    categories, during.size(), java.time.Duration.between(access.openedAt(), end),
                    access.openedAt().plus(REVIEW_DUE).isBefore(now), Optional.ofNullable(objections.get(access.id())),
                    access.organisationCode().map(this::organisationName).orElse(""));
        }).toList();
    }

    /**
     * Events already reviewed that the patient objected to after the verdict (newest first): the steward sees
     * them beside the queue, as the verdict itself is given once.
     */
    @PreAuthorize("hasRole('STEWARD')")
    @Transactional(readOnly = true)
    public List<EmergencyAccess> objectedAfterReview() {
        return store.objectedAfterReview(20);
    }

    /** The steward reads the hospital's name (with its code), not the code alone. */
    private String organisationName(String code) {
        return directory.organisationOf(jp.tsunagu.directory.Identifier.medicalInstitution(code))
                .or(() -> directory.organisationOf(jp.tsunagu.directory.Identifier.portalOrganisation(code)))
                .map(o -> o.details().name() + "（" + code + "）").orElse(code);
    }

    /** How many events wait longer than {@link #REVIEW_DUE}; for the hourly alert. */
    @PreAuthorize("hasRole('STEWARD') or " + jp.tsunagu.identity.Authorities.IS_SYSTEM)
    @Transactional(readOnly = true)
    public long overdueReviews() {
        Instant due = clock.instant().minus(REVIEW_DUE);
        return store.pending().stream().filter(a -> a.openedAt().isBefore(due)).count();
    }

    /**
     * A steward's verdict, once; false when it was reviewed already or does not exist.
     *
     * @throws IllegalArgumentException {@code steward.review.commentRequired} without a comment, or
     *     {@code steward.review.commentTooLong} over {@link #MAX_DETAIL} characters: a verdict without
     *     its reason is no review
     */
    @PreAuthorize("hasRole('STEWARD')")
    @Transactional
    public boolean review(UUID id, boolean justified, String comment) {
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("steward.review.commentRequired");
        }
        if (comment.strip().length() > MAX_DETAIL) {
            throw new IllegalArgumentException("steward.review.commentTooLong");
        }
        Optional<EmergencyAccess> access = store.find(id);
        if (access.isEmpty() || access.get().review().isPresent()) {
            return false;
        }
        Actor steward = actors.currentActor().orElseThrow();
        store.review(id, justified, steward.subject(), comment.strip(), clock.instant());
        log.record(new NewAccess(Optional.of(access.get().patient().value()), List.of(),
                Optional.of(Purpose.EMERGENCY.name()), Action.EMERGENCY_REVIEW, Outcome.RECORDED,
                (justified ? "JUSTIFIED" : "NOT_JUSTIFIED") + ": " + comment.strip()));
        return true;
    }
}
