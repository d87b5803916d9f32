package jp.tsunagu.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.tsunagu.audit.AccessEntry;
import jp.tsunagu.audit.AccessEntry.Action;
import jp.tsunagu.audit.AccessEntry.Outcome;
import jp.tsunagu.audit.AccessLog;
import jp.tsunagu.audit.NewAccess;
import jp.tsunagu.consent.Directive.Effect;
import jp.tsunagu.consent.Directive.Status;
import jp.tsunagu.consent.persistence.ConsentStore;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Organisation;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.Patient;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.record.SensitiveLabel;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in patient's side of the ledger: grant, revoke, switch purposes, see the history, preview
 * what a hospital would see, read the access log and the inbox. Every change is a new version, is logged
 * and lands in the inbox. No method takes a patient id.
 */
@Service
public class MyConsent {

    private final ConsentStore store;
    private final Directory directory;
    private final AccessLog log;
    private final ActorService actors;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final List<AggregateUses> aggregateUses;
    private final jp.tsunagu.consent.persistence.EmergencyStore emergencies;

    MyConsent(ConsentStore store, Directory directory, AccessLog log, ActorService actors, Optional<Clock> clock,
            ApplicationEventPublisher events, List<AggregateUses> aggregateUses,
            jp.tsunagu.consent.persistence.EmergencyStore emergencies) {
        this.store = store;
        this.emergencies = emergencies;
        this.directory = directory;
        this.log = log;
        this.actors = actors;
        this.clock = clock.orElse(Clock.systemUTC());
        this.events = events;
        this.aggregateUses = List.copyOf(aggregateUses);
    }

    /** The latest version of each directive, active or not, newest first. */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public List<Directive> current() {
        return store.current(me()).stream()
                .sorted(java.util.Comparator.comparing(Directive::recordedAt).reversed()).toList();
    }

    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public List<Directive> history() {
        return store.history(me());
    }

    /**
     * Lets an organisation (or every organisation treating me) see these categories for treatment,
     * from now until {@code until} (open-ended if empty).
     *
     * @throws IllegalArgumentException no category, an end in the past, an unknown organisation
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public DirectiveId grant(Grantee grantee, Set<RecordCategory> categories, Set<SensitiveLabel> excluded,
            Optional<Instant> until) {
        PatientId patient = me();
        Instant now = clock.instant();
        if (categories.isEmpty() || !ConsentCategories.SHAREABLE.containsAll(categories)) {
            throw new IllegalArgumentException("consent.error.categories");
        }
        if (until.isPresent() && !until.get().isAfter(now)) {
            throw new IllegalArgumentException("consent.error.untilPast");
        }
        if (grantee instanceof Grantee.Organisation o && directory.organisationNames(List.of(o.id())).isEmpty()) {
            throw new IllegalArgumentException("consent.error.unknownOrganisation");
        }
        if (grantee instanceof Grantee.Audience) {
            throw new IllegalArgumentException("consent.error.audience");
        }
        var directive = new Directive(DirectiveId.random(), 1, patient, Purpose.TREATMENT, Effect.PERMIT, grantee,
                categories, excluded, now, until, Status.ACTIVE, now, subject());
        record(directive, "grant");
        return directive.id();
    }

    /** Ends a directive for the next request; false when it is not the patient's or already ended. */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public boolean revoke(DirectiveId id) {
        PatientId patient = me();
        Optional<Directive> latest = store.latest(patient, id).filter(d -> d.status() == Status.ACTIVE);
        if (latest.isEmpty()) {
            return false;
        }
        Directive d = latest.get();
        Instant now = clock.instant();
        record(new Directive(d.id(), d.version() + 1, patient, d.purpose(), d.effect(), d.grantee(), d.categories(),
                d.excludedLabels(), d.validFrom(), d.validUntil(), Status.REVOKED, now, subject()), "revoke");
        return true;
    }

    /** How long after stopping a share the patient may still undo it from the page. */
    public static final java.time.Duration UNDO_WINDOW = java.time.Duration.ofSeconds(30);

    /**
     * Undoes a revocation made a moment ago ({@link #UNDO_WINDOW}): the directive as it was, as a new version
     * (the ledger keeps both the stop and the restore). False when it is not hers, not revoked, revoked too long
     * ago, or its end date has passed meanwhile.
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public boolean restore(DirectiveId id) {
        PatientId patient = me();
        Instant now = clock.instant();
        Optional<Directive> latest = store.latest(patient, id).filter(d -> d.status() == Status.REVOKED
                && d.purpose() == Purpose.TREATMENT && !d.recordedAt().plus(UNDO_WINDOW).isBefore(now)
                && d.validUntil().map(now::isBefore).orElse(true));
        if (latest.isEmpty()) {
            return false;
        }
        Directive d = latest.get();
        record(new Directive(d.id(), d.version() + 1, patient, d.purpose(), d.effect(), d.grantee(), d.categories(),
                d.excludedLabels(), d.validFrom(), d.validUntil(), Status.ACTIVE, now, subject()), "restore");
        return true;
    }

    /** Whether the purpose is allowed for the patient's record now (switch purposes only). */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public boolean allows(Purpose purpose) {
        return ConsentRules.decide(store.current(me()), new AccessRequest(purpose, RecordCategory.DIAGNOSIS,
                Optional.empty(), false, Set.of(), clock.instant())).permitted();
    }

    /**
     * Turns a purpose on or off as a whole: trial recruitment is off until turned on; research,
     * post-market surveillance and public health are on until turned off.
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public void choose(Purpose purpose, boolean allow) {
        if (!purpose.patientSwitch()) {
            throw new IllegalArgumentException("consent.error.noSwitch");
        }
        PatientId patient = me();
        for (Directive d : store.current(patient)) {
            if (d.purpose() == purpose && d.grantee() instanceof Grantee.Audience && d.status() == Status.ACTIVE) {
                revoke(d.id());
            }
        }
        if (allow != purpose.permittedByDefault()) {
            Instant now = clock.instant();
            record(new Directive(DirectiveId.random(), 1, patient, purpose, allow ? Effect.PERMIT : Effect.DENY,
                    new Grantee.Audience(), ConsentCategories.SHAREABLE, Set.of(), now, Optional.empty(),
                    Status.ACTIVE, now, subject()), allow ? "opt-in" : "opt-out");
        }
    }

    /** What a clinician at this organisation would see of the patient now, category by category. */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public Map<RecordCategory, Decision> preview(OrganisationId organisation) {
        PatientId patient = me();
        boolean treats = directory.treats(patient, organisation);
        List<Directive> directives = store.current(patient);
        Map<RecordCategory, Decision> view = new EnumMap<>(RecordCategory.class);
        for (RecordCategory category : ConsentCategories.ORDER) {
            view.put(category, ConsentRules.decide(directives, new AccessRequest(Purpose.TREATMENT, category,
                    Optional.of(organisation), treats, Set.of(), clock.instant())));
        }
        return view;
    }

    /** The organisations treating the patient, to choose from when granting. */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public List<Organisation> careOrganisations() {
        return directory.careOrganisations(me());
    }

    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public List<AccessEntry> accessLog() {
        return log.aboutPatient(me().value(), 200);
    }

    /** The aggregate uses (feasibility counts, safety analyses) that counted my record, newest first. */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public List<AggregateUse> countedIn() {
        PatientId patient = me();
        return aggregateUses.stream().flatMap(uses -> uses.countedIn(patient).stream())
                .sorted(java.util.Comparator.comparing(AggregateUse::at).reversed()).toList();
    }

    /**
     * Every break-the-glass on my record, newest first, with what was read during it (from my own access log:
     * the clinician's permitted reads while it was open), the steward's verdict and my objection.
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public List<MyEmergency> emergencies() {
        PatientId patient = me();
        List<EmergencyAccess> events = emergencies.ofPatient(patient);
        if (events.isEmpty()) {
            return List.of();
        }
        List<AccessEntry> reads = log.aboutPatient(patient.value(), 500).stream()
                .filter(e -> e.action() == Action.READ && e.outcome() == Outcome.PERMITTED).toList();
        Map<java.util.UUID, Instant> objected = emergencies.objections(events.stream().map(EmergencyAccess::id).toList());
        return events.stream().map(event -> new MyEmergency(event, ConsentCategories.inOrder(reads.stream()
                .filter(e -> e.actor().equals(event.clinician()) && event.openAt(e.at()))
                .flatMap(e -> e.categories().stream()).toList()), Optional.ofNullable(objected.get(event.id()))))
                .toList();
    }

    /**
     * Objects to a break-the-glass on my record: it reaches the stewards' review queue with the event. Once per
     * event; false when I had objected already (nothing is added) or the event is not on my record.
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public boolean objectToEmergency(java.util.UUID emergency) {
        PatientId patient = me();
        if (!emergencies.object(emergency, patient, clock.instant())) {
            return false;
        }
        log.record(new NewAccess(Optional.of(patient.value()), List.of(), Optional.of(Purpose.EMERGENCY.name()),
                Action.CONSENT_CHANGE, Outcome.RECORDED, "emergency-objection"));
        return true;
    }

    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public List<InboxMessage> inbox() {
        return store.inbox(me(), 100);
    }

    /** How many notices she has not seen yet: the count on マイページ's shortcut to お知らせ. */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public long unreadCount() {
        return store.unreadCount(me());
    }

    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public void markInboxRead() {
        store.markInboxRead(me());
    }

    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public boolean notifiesEveryUse() {
        return store.notifyEveryUse(me());
    }

    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public void notifyEveryUse(boolean notify) {
        store.setNotifyEveryUse(me(), notify);
    }

    private void record(Directive directive, String change) {
        store.insert(directive);
        log.record(new NewAccess(Optional.of(directive.patient().value()),
                ConsentCategories.inOrder(directive.categories().stream().map(Enum::name).toList()),
                Optional.of(directive.purpose().name()), Action.CONSENT_CHANGE, Outcome.RECORDED, change));
        store.addToInbox(directive.patient(), directive.recordedAt(), InboxMessage.Kind.CONSENT_CHANGED,
                List.of(change, directive.purpose().name(), granteeName(directive.grantee())));
        events.publishEvent(new ConsentChanged(directive.patient()));
    }

    private String granteeName(Grantee grantee) {
        return switch (grantee) {
            case Grantee.Organisation o -> directory.organisationNames(List.of(o.id())).getOrDefault(o.id(), "");
            case Grantee.Treating t -> "TREATING";
            case Grantee.Audience a -> "AUDIENCE";
        };
    }

    private PatientId me() {
        return directory.signedInPatient().map(Patient::id)
                .orElseThrow(() -> new IllegalStateException("this account is not linked to a patient record"));
    }

    private String subject() {
        return actors.currentActor().map(a -> a.subject()).orElse("unknown");
    }
}
