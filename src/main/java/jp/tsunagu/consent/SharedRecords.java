package jp.tsunagu.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.tsunagu.audit.AccessEntry;
import jp.tsunagu.audit.AccessEntry.Action;
import jp.tsunagu.audit.AccessEntry.Outcome;
import jp.tsunagu.audit.AccessLog;
import jp.tsunagu.audit.NewAccess;
import jp.tsunagu.consent.persistence.ConsentStore;
import jp.tsunagu.consent.persistence.EmergencyStore;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Organisation;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.Actor;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.record.RecordItem;
import jp.tsunagu.record.RecordService;
import jp.tsunagu.record.SensitiveLabel;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way to read a patient's data for somebody other than the patient. In one transaction: decide
 * every category (and, per item, its sensitive labels) at the decision point, read only what is
 * permitted, log the permitted read and any denied part, and notify the patient if they asked to be told
 * of every use. Denied categories come back named, with their reason and no content.
 */
@Service
public class SharedRecords {

    private final ConsentStore store;
    private final EmergencyStore emergencies;
    private final RecordService records;
    private final Directory directory;
    private final ActorService actors;
    private final AccessLog log;
    private final Clock clock;

    SharedRecords(ConsentStore store, EmergencyStore emergencies, RecordService records, Directory directory,
            ActorService actors, AccessLog log, Optional<Clock> clock) {
        this.store = store;
        this.emergencies = emergencies;
        this.records = records;
        this.directory = directory;
        this.actors = actors;
        this.log = log;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** A clinician's read for treatment, as their organisation (from their sign-in) may see it now. */
    @PreAuthorize("hasRole('CLINICIAN') or " + Authorities.IS_SYSTEM)
    @Transactional
    public SharedView readForTreatment(PatientId patient, Set<RecordCategory> categories) {
        Instant now = clock.instant();
        Optional<Organisation> requester = directory.signedInOrganisation();
        Optional<OrganisationId> requesterId = requester.map(Organisation::id);
        boolean treats = requesterId.map(id -> directory.treats(patient, id)).orElse(false);
        List<Directive> directives = store.current(patient);

        Map<RecordCategory, Decision> decisions = new EnumMap<>(RecordCategory.class);
        for (RecordCategory category : categories) {
            decisions.put(category, ConsentRules.decide(directives,
                    new AccessRequest(Purpose.TREATMENT, category, requesterId, treats, Set.of(), now)));
        }
        Set<RecordCategory> permitted = decisions.entrySet().stream().filter(e -> e.getValue().permitted())
                .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet());
        List<RecordItem> items = new ArrayList<>();
        Map<List<SensitiveLabel>, Map<RecordCategory, Boolean>> labelled = new HashMap<>();
        for (RecordItem item : permitted.isEmpty() ? List.<RecordItem>of() : records.itemsFor(patient, permitted)) {
            boolean allowed = item.sensitiveLabels().isEmpty() || labelled
                    .computeIfAbsent(item.sensitiveLabels(), k -> new EnumMap<>(RecordCategory.class))
                    .computeIfAbsent(item.category(), category -> ConsentRules.decide(directives,
                            new AccessRequest(Purpose.TREATMENT, category, requesterId, treats,
                                    Set.copyOf(item.sensitiveLabels()), now)).permitted());
            if (allowed) {
                items.add(item);
            }
        }
        String purpose = Purpose.TREATMENT.name();
        Set<RecordCategory> denied = decisions.keySet().stream().filter(c -> !permitted.contains(c))
                .collect(java.util.stream.Collectors.toSet());
        // One access, one row: what was shown, and in the same row what was not because she does not share it.
        if (!permitted.isEmpty()) {
            log.record(new NewAccess(Optional.of(patient.value()), names(permitted), Optional.of(purpose),
                    Action.READ, Outcome.PERMITTED, AccessEntry.withNotShown("consent", names(denied))));
            if (store.notifyEveryUse(patient)) {
                store.addToInbox(patient, now, InboxMessage.Kind.DATA_USED, List.of(
                        actors.currentActor().map(Actor::displayName).orElse(""),
                        requester.map(o -> o.details().name()).orElse(""), String.join(",", names(permitted))));
            }
        } else if (!denied.isEmpty()) {
            log.record(new NewAccess(Optional.of(patient.value()), names(denied), Optional.of(purpose), Action.READ,
                    Outcome.DENIED, "no consent"));
        }
        return new SharedView(patient, Purpose.TREATMENT, decisions, items);
    }

    /**
     * A clinician's read during their open break-the-glass for this patient: everything shareable, logged as
     * EMERGENCY. Without an open one (never opened, or expired) nothing is read and the attempt is logged.
     */
    @PreAuthorize("hasRole('CLINICIAN')")
    @Transactional
    public SharedView readInEmergency(PatientId patient) {
        String clinician = actors.currentActor().orElseThrow().subject();
        Set<RecordCategory> all = ConsentCategories.SHAREABLE;
        String purpose = Purpose.EMERGENCY.name();
        if (emergencies.open(patient, clinician, clock.instant()).isEmpty()) {
            log.record(new NewAccess(Optional.of(patient.value()), names(all), Optional.of(purpose), Action.READ,
                    Outcome.DENIED, "no open break-the-glass"));
            Map<RecordCategory, Decision> denied = new EnumMap<>(RecordCategory.class);
            all.forEach(c -> denied.put(c, Decision.deny("noEmergency", Optional.empty())));
            return new SharedView(patient, Purpose.EMERGENCY, denied, List.of());
        }
        Map<RecordCategory, Decision> permitted = new EnumMap<>(RecordCategory.class);
        all.forEach(c -> permitted.put(c, Decision.permit("emergency", Optional.empty())));
        List<RecordItem> items = records.itemsFor(patient, all);
        log.record(new NewAccess(Optional.of(patient.value()), names(all), Optional.of(purpose), Action.READ,
                Outcome.PERMITTED, "break-the-glass"));
        return new SharedView(patient, Purpose.EMERGENCY, permitted, items);
    }

    /** In the order every screen lists categories, so each row of the log reads the same way. */
    static List<String> names(Set<RecordCategory> categories) {
        return ConsentCategories.inOrder(categories.stream().map(Enum::name).toList());
    }
}
