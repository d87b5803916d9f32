package jp.tsunagu.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.record.StoreResult.ItemOutcome;
import jp.tsunagu.record.StoreResult.Outcome;
import jp.tsunagu.record.persistence.RecordStore;
import jp.tsunagu.shared.JapanTime;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores what sources send, whole or not at all, and reads a patient's record back.
 *
 * <p>Idempotency has two levels: a bundle already stored (same Bundle.identifier and content) changes
 * nothing; inside a bundle each item is found again by its source key, so a resend of one resource is
 * unchanged, and a corrected one replaces the old row in place.
 */
@Service
public class RecordService {

    /** The system, or the signed-in patient asking for her own record. */
    private static final String OWN_OR_SYSTEM = Authorities.IS_SYSTEM
            + " or @patientOwnership.isSignedInPatient(#patient.value())";

    private final RecordStore store;
    private final RecordProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    RecordService(RecordStore store, RecordProperties properties, Optional<Clock> clock,
            ApplicationEventPublisher events) {
        this.store = store;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
        this.events = events;
    }

    /**
     * Importers (hospital systems, the import command); a patient adding to her own record what she brings herself
     * (attributed to no hospital); a clinician adding to the record of a patient their hospital treats, attributed
     * to that hospital only.
     */
    @PreAuthorize(Authorities.CAN_IMPORT
            + " or (@patientOwnership.isSignedInPatient(#batch.patient().value()) and #batch.sources().isEmpty())"
            + " or (@patientOwnership.isInSignedInClinicianCare(#batch.patient().value())"
            + " and @patientOwnership.actsForEach(#batch.sources()))")
    @Transactional
    public StoreResult store(IncomingBatch batch) {
        Instant now = clock.instant();
        @Nullable UUID importId = null;
        boolean resend = false;
        if (batch.original().isPresent()) {
            RecordStore.Receipt receipt = store.insertImport(batch.patient(), batch.source(), batch.bundleType(),
                    batch.bundleIdentifier(), batch.contentSha256(), batch.original().get(), now, batch.receivedBy(),
                    batch.items().size());
            importId = receipt.importId();
            resend = receipt.resend();
        }
        // All new rows in one batch; the few keys the sender already has are compared and replaced one by one.
        List<RecordStore.NewRow> rows = new ArrayList<>();
        for (NewItem item : batch.items()) {
            rows.add(new RecordStore.NewRow(ItemId.random(), item.content(), item.source(), contentSha256(item),
                    importId, retainUntil(item, now), item.undisclosed(), item.sensitiveLabels()));
        }
        boolean[] inserted = store.insertItems(batch.patient(), now, rows);
        List<ItemOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            NewItem item = batch.items().get(i);
            Stored stored = inserted[i] ? new Stored(rows.get(i).id(), Outcome.ADDED)
                    : storeExisting(batch.patient(), item, rows.get(i), importId, now);
            outcomes.add(outcome(item, stored.id(), stored.outcome()));
        }
        boolean nothingChanged = outcomes.stream().allMatch(o -> o.outcome() == Outcome.UNCHANGED);
        if (!nothingChanged) {
            events.publishEvent(RecordChanged.of(batch.patient()));
        }
        return new StoreResult(resend && nothingChanged, outcomes);
    }

    /**
     * The bundles as received that still hold the patient's items, oldest first (export gives them back whole):
     * for the export command and the patient's own download.
     */
    @PreAuthorize(OWN_OR_SYSTEM)
    @Transactional(readOnly = true)
    public List<ReceivedBundle> receivedBundles(PatientId patient) {
        return store.importsInUse(patient).stream()
                .map(i -> new ReceivedBundle(i.id(), i.source(), i.original(), i.receivedAt(),
                        i.holdsUndisclosed()))
                .toList();
    }

    private record Stored(ItemId id, Outcome outcome) {
    }

    /** The sender already has an item under this key: the same content changes nothing, new content replaces it. */
    private Stored storeExisting(PatientId patient, NewItem item, RecordStore.NewRow row, @Nullable UUID importId,
            Instant now) {
        RecordStore.Existing existing = store.existing(patient, item.source().organisation(), item.source().sourceKey());
        if (sameItem(existing.contentSha256(), row.contentSha256())) {
            return new Stored(existing.id(), Outcome.UNCHANGED);
        }
        store.replaceItem(existing.id(), patient, item.content(), item.source(), row.contentSha256(), importId, now,
                row.retainUntil(), item.undisclosed(), item.sensitiveLabels());
        return new Stored(existing.id(), Outcome.UPDATED);
    }

    private LocalDate retainUntil(NewItem item, Instant now) {
        return JapanTime.dateOf(now).plus(properties.retentionOf(item.content().category()));
    }

    /**
     * The entry with this id if this sender filed it; another sender's entry, or none, answers empty alike,
     * so the id of somebody else's entry teaches a sender nothing.
     */
    @PreAuthorize(Authorities.CAN_IMPORT)
    @Transactional(readOnly = true)
    public Optional<SenderEntry> entryOf(OrganisationId sender, ItemId id) {
        return store.entryOfSender(sender, id);
    }

    /** The sender's entry of this type carrying this identifier ("system|value"), for a conditional create. */
    @PreAuthorize(Authorities.CAN_IMPORT)
    @Transactional(readOnly = true)
    public Optional<SenderEntry> entryOf(OrganisationId sender, String resourceType, String identifier) {
        return store.entryOfSender(sender, resourceType, identifier);
    }

    /**
     * A patient's items of the given categories, for the consent module's decision point only: it decides,
     * filters by sensitive label and logs in the same transaction. {@code ArchitectureTest} keeps every
     * other module from calling this.
     */
    @PreAuthorize("hasRole('CLINICIAN') or " + Authorities.IS_SYSTEM)
    @Transactional(readOnly = true)
    public List<RecordItem> itemsFor(PatientId patient, java.util.Set<RecordCategory> categories) {
        // Held back as "not mine" by the patient: no other reader sees it until a steward decides.
        return store.items(patient).stream().filter(item -> !item.quarantined())
                .filter(item -> categories.contains(item.category())).toList();
    }

    /**
     * The whole record of one patient: for export (the command, or the patient's own download) and for in-process
     * jobs; readers get theirs through consent.
     */
    @PreAuthorize(OWN_OR_SYSTEM)
    @Transactional(readOnly = true)
    public HealthRecord recordOf(PatientId patient) {
        return new HealthRecord(patient, store.items(patient));
    }

    private static ItemOutcome outcome(NewItem item, ItemId id, Outcome outcome) {
        ItemContent content = item.content();
        String label = switch (content) {
            case OtherResource other -> other.resourceType();
            default -> content.kind().name();
        };
        return new ItemOutcome(id, content.kind(), content.category(), label, outcome);
    }

    /**
     * What makes two versions of an item the same: the typed content with its flags and source, then the
     * original's bytes when it has one ("typed:original"). An item born here and later re-imported from its own
     * export carries the same typed part, so it is the same item, not a change.
     */
    static String contentSha256(NewItem item) {
        String typed = sha256(item.content().toString() + "|" + item.undisclosed() + "|" + item.sensitiveLabels()
                + "|" + item.source().organisation());
        return item.source().originalResource().map(original -> typed + ":" + sha256(original)).orElse(typed);
    }

    static boolean sameItem(String stored, String incoming) {
        return stored.equals(incoming) || (!stored.contains(":") && incoming.startsWith(stored + ":"));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
