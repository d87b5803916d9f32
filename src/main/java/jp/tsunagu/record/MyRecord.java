package jp.tsunagu.record;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.tsunagu.audit.AccessEntry.Action;
import jp.tsunagu.audit.AccessEntry.Outcome;
import jp.tsunagu.audit.AccessLog;
import jp.tsunagu.audit.NewAccess;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.Patient;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.record.MyItem.Provenance;
import jp.tsunagu.record.persistence.RecordStore;
import jp.tsunagu.shared.JapanTime;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in patient's own record. No method takes a patient id: the patient is always the one
 * linked to the signed-in account, found on the server, so an id changed in a URL or a request can at
 * most name an item the lookup does not find. Items flagged 未告知 (the doctor has not yet told the
 * patient) never leave this service.
 */
@Service
public class MyRecord {

    static final String PHR_SYSTEM = "https://tsunagu.jp/fhir/phr-entry";

    private final RecordStore store;
    private final Directory directory;
    private final RecordProperties properties;
    private final AccessLog log;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MyRecord(RecordStore store, Directory directory, RecordProperties properties, AccessLog log,
            ApplicationEventPublisher events, Optional<Clock> clock) {
        this.store = store;
        this.directory = directory;
        this.properties = properties;
        this.log = log;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** The patient this account belongs to; empty for an account not (yet) linked to a record. */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public Optional<PatientId> me() {
        return directory.signedInPatient().map(Patient::id);
    }

    /**
     * Everything the patient may see of their record, newest first within each kind; what she held back
     * as not hers is not among it ({@link #heldBack}).
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public List<MyItem> items() {
        return me().map(patient -> shown(store.items(patient).stream().filter(i -> !i.quarantined()).toList()))
                .orElse(List.of());
    }

    /** What she said is not hers, shown apart and marked until a steward decides. */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public List<MyItem> heldBack() {
        return me().map(patient -> shown(store.items(patient).stream().filter(RecordItem::quarantined).toList()))
                .orElse(List.of());
    }

    /** A file the patient imported herself, while it still holds items. */
    public record MyImport(UUID id, Instant receivedAt, int items) {
    }

    /** The files she imported herself that still hold items, newest first. */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public List<MyImport> myImports() {
        return me().map(patient -> store.patientImports(patient).stream()
                .map(i -> new MyImport(i.id(), i.receivedAt(), i.items())).toList()).orElse(List.of());
    }

    /**
     * Withdraws a file she imported: everything it added goes, in one transaction, with a row in her access
     * log. Only her own uploads can be withdrawn (what hospitals sent is theirs to correct).
     *
     * @return how many items went; 0 when the id is not one of her own imports
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public int withdrawImport(UUID importId) {
        PatientId patient = linkedPatient();
        Optional<RecordStore.PatientImport> mine = store.patientImports(patient).stream()
                .filter(i -> i.id().equals(importId)).findFirst();
        if (mine.isEmpty()) {
            return 0;
        }
        int removed = store.deletePatientImport(patient, importId);
        log.record(new NewAccess(Optional.of(patient.value()), List.of(), Optional.empty(), Action.IMPORT_WITHDRAWN,
                Outcome.RECORDED, JapanTime.minute(mine.get().receivedAt())));
        events.publishEvent(RecordChanged.of(patient));
        return removed;
    }

    /** One item of the patient's own record; empty for anybody else's id, an unknown id or a 未告知 item. */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public Optional<MyItem> item(ItemId id) {
        return me().flatMap(patient -> store.item(patient, id)).map(List::of).map(this::shown)
                .flatMap(shown -> shown.stream().findFirst());
    }

    /**
     * Stores a measurement the patient typed in.
     *
     * @throws MeasurementRejectedException with every problem found; nothing is stored
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public ItemId addMeasurement(PhrEntry entry) {
        PatientId patient = linkedPatient();
        Instant now = clock.instant();
        check(entry, now);
        ItemId id = ItemId.random();
        NewItem item = newItem(id, entry);
        store.insertItem(id, patient, entry, item.source(), RecordService.contentSha256(item), null, now,
                retainUntil(now), false, List.of());
        return id;
    }

    /** Replaces a measurement the patient typed in earlier; false when there is no such entry of theirs. */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public boolean changeMeasurement(ItemId id, PhrEntry entry) {
        PatientId patient = linkedPatient();
        Instant now = clock.instant();
        if (store.item(patient, id).map(this::asShown).filter(MyItem::editable).isEmpty()) {
            return false;
        }
        check(entry, now);
        NewItem item = newItem(id, entry);
        store.replaceItem(id, patient, entry, item.source(), RecordService.contentSha256(item), null, now,
                retainUntil(now), false, List.of());
        return true;
    }

    /** Deletes a measurement the patient typed in; false when there is no such entry of theirs. */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public boolean deleteMeasurement(ItemId id) {
        PatientId patient = linkedPatient();
        if (store.item(patient, id).map(this::asShown).filter(MyItem::editable).isEmpty()) {
            return false;
        }
        return store.deleteItem(patient, id, ItemKind.PHR_ENTRY);
    }

    /**
     * The patient's choice to keep her record beyond its retention period (5 years from arrival): the
     * nightly purge then leaves every item of hers in place. Without it, expired items are removed.
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public void keepBeyondRetention(boolean keep) {
        store.keepBeyondRetention(linkedPatient().value(), clock.instant(), keep);
    }

    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public boolean keepsBeyondRetention() {
        return me().map(patient -> store.keepsBeyondRetention(patient.value())).orElse(false);
    }

    private PatientId linkedPatient() {
        return me().orElseThrow(() -> new IllegalStateException("this account is not linked to a patient record"));
    }

    private static void check(PhrEntry entry, Instant now) {
        List<Measurements.Problem> problems = Measurements.check(entry, now);
        if (!problems.isEmpty()) {
            throw new MeasurementRejectedException(problems);
        }
    }

    private static NewItem newItem(ItemId id, PhrEntry entry) {
        String key = SourceKeys.born("Observation", PHR_SYSTEM, id.value().toString());
        PhrEntry clean = new PhrEntry(entry.type(), entry.value1(), entry.value2(), entry.unit(),
                entry.note().map(String::strip).filter(n -> !n.isEmpty()), entry.measuredAt());
        return new NewItem(clean, new Source(Optional.empty(), key, Optional.of(PHR_SYSTEM + "|" + id.value()),
                Optional.empty()), false, List.of());
    }

    private java.time.LocalDate retainUntil(Instant now) {
        return JapanTime.dateOf(now).plus(properties.retentionOf(RecordCategory.PHR));
    }

    private List<MyItem> shown(List<RecordItem> items) {
        Set<OrganisationId> organisations = items.stream().flatMap(i -> i.source().organisation().stream())
                .collect(Collectors.toSet());
        Map<OrganisationId, String> names = directory.organisationNames(organisations);
        return items.stream().filter(i -> !i.undisclosed()).map(i -> asShown(i, names)).toList();
    }

    private MyItem asShown(RecordItem item) {
        return asShown(item, directory.organisationNames(item.source().organisation().stream().toList()));
    }

    private static MyItem asShown(RecordItem item, Map<OrganisationId, String> names) {
        return new MyItem(item.id(), item.content(), new Provenance(item.providedBy(),
                item.source().organisation().map(names::get), item.receivedAt(), item.quarantined()));
    }
}
