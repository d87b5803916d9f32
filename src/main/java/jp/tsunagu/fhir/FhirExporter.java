package jp.tsunagu.fhir;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import jp.tsunagu.audit.AccessEntry;
import jp.tsunagu.audit.AccessLog;
import jp.tsunagu.audit.NewAccess;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Organisation;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.Patient;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.identity.StepUp;
import jp.tsunagu.record.MyRecord;
import jp.tsunagu.record.HealthRecord;
import jp.tsunagu.record.ReceivedBundle;
import jp.tsunagu.record.RecordItem;
import jp.tsunagu.record.RecordService;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A patient's whole record as one FHIR R4 collection Bundle: the patient, the organisations that sent
 * data, every bundle exactly as it was received (so internal references and documents stay intact),
 * and what was born in the portal rendered as JP Core resources. Importing it gives the same record.
 */
@Service
public class FhirExporter {

    static final String RECEIVED_EXTENSION = "https://tsunagu.jp/fhir/StructureDefinition/received-at";

    private final RecordService records;
    private final Directory directory;
    private final FhirContext fhir;
    private final Clock clock;
    private final MyRecord myRecord;
    private final AccessLog accessLog;
    private final StepUp stepUp;

    FhirExporter(RecordService records, Directory directory, FhirContext fhir, Optional<Clock> clock,
            MyRecord myRecord, AccessLog accessLog, StepUp stepUp) {
        this.myRecord = myRecord;
        this.stepUp = stepUp;
        this.accessLog = accessLog;
        this.records = records;
        this.directory = directory;
        this.fhir = fhir;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional
    public String export(PatientId patientId) {
        String json = export(patientId, true);
        logExport(patientId, Optional.empty());
        return json;
    }

    /**
     * The signed-in patient's own record, for them to keep or take to another app. Items flagged 未告知
     * stay out: a received bundle that holds one is not given back whole; its other items are rendered
     * one by one instead.
     *
     * @throws jp.tsunagu.identity.StepUpRequiredException unless the patient signed in within the step-up window
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional
    public String exportMine() {
        stepUp.require();
        PatientId patient = myRecord.me()
                .orElseThrow(() -> new IllegalStateException("this account is not linked to a patient record"));
        // With her own permission: the directory and the record admit a patient to her own entry and record.
        String json = export(patient, false);
        // Her own download, with a purpose of its own: an export with none reads to her like one she did not make.
        logExport(patient, Optional.of(jp.tsunagu.consent.ConsentWords.OWN_DOWNLOAD));
        return json;
    }

    /** Every export is in the access log, in the export's transaction: who took the whole record, and when. */
    private void logExport(PatientId patient, Optional<String> purpose) {
        accessLog.record(new NewAccess(Optional.of(patient.value()),
                jp.tsunagu.consent.ConsentCategories.ORDER.stream().map(Enum::name).toList(), purpose,
                AccessEntry.Action.EXPORT, AccessEntry.Outcome.PERMITTED, "fhir-export"));
    }

    private String export(PatientId patientId, boolean withUndisclosed) {
        Patient patient = directory.patient(patientId).orElseThrow(() -> new IllegalArgumentException("no such patient"));
        String patientRef = "urn:uuid:" + patientId.value();
        var renderedPatient = RecordRendering.patient(patient);
        Map<OrganisationId, Organization> organisations = new HashMap<>();

        ObjectNode bundle = BundleReader.json().createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.putObject("identifier").put("system", "urn:ietf:rfc:3986").put("value", "urn:uuid:" + UUID.randomUUID());
        bundle.put("type", "collection");
        bundle.put("timestamp", RecordRendering.dateTime(clock.instant()).getValueAsString());
        ArrayNode entries = bundle.putArray("entry");
        addEntry(entries, patientRef, renderedPatient, Optional.empty(), null);

        Set<UUID> nested = new HashSet<>();
        for (ReceivedBundle received : records.receivedBundles(patientId)) {
            if (received.holdsUndisclosed() && !withUndisclosed) {
                continue;
            }
            nested.add(received.importId());
            ObjectNode entry = entries.addObject();
            entry.set("extension", extensions(received.source(), received, organisations));
            entry.set("resource", BundleReader.json().readTree(received.original()));
        }
        HealthRecord record = records.recordOf(patientId);
        for (RecordItem item : record.items()) {
            if (item.importId().filter(nested::contains).isPresent() || (item.undisclosed() && !withUndisclosed)) {
                continue;
            }
            if (item.content() instanceof jp.tsunagu.record.OtherResource) {
                // Not modelled, so it cannot be rendered: give it back as it came, alone.
                ObjectNode entry = entries.addObject();
                entry.put("fullUrl", "urn:uuid:" + item.id().value());
                entry.set("resource", BundleReader.json().readTree(item.source().originalResource().orElseThrow()));
                continue;
            }
            Optional<Organization> source = item.source().organisation().map(id -> organisation(id, organisations));
            Resource resource = RecordRendering.item(item, patientRef, renderedPatient, source);
            addEntry(entries, "urn:uuid:" + item.id().value(), resource, item.source().organisation(),
                    new Provenance(item, organisations));
        }
        for (Organization organisation : organisations.values()) {
            addEntry(entries, "urn:uuid:org-" + organisation.getIdentifierFirstRep().getValue(), organisation,
                    Optional.empty(), null);
        }
        return BundleReader.json().writeValueAsString(bundle);
    }

    private record Provenance(RecordItem item, Map<OrganisationId, Organization> organisations) {
    }

    private void addEntry(ArrayNode entries, String fullUrl, Resource resource, Optional<OrganisationId> source,
            @org.jspecify.annotations.Nullable Provenance provenance) {
        ObjectNode entry = entries.addObject();
        entry.put("fullUrl", fullUrl);
        if (provenance != null) {
            entry.set("extension", extensions(source, provenance.item().receivedAt(), provenance.organisations()));
        }
        entry.set("resource", BundleReader.json().readTree(fhir.newJsonParser().encodeResourceToString(resource)));
    }

    private JsonNode extensions(Optional<OrganisationId> source, ReceivedBundle received,
            Map<OrganisationId, Organization> organisations) {
        return extensions(source, received.receivedAt(), organisations);
    }

    private JsonNode extensions(Optional<OrganisationId> source, java.time.Instant receivedAt,
            Map<OrganisationId, Organization> organisations) {
        Optional<String> code = source.map(id -> organisation(id, organisations).getIdentifierFirstRep().getValue());
        ArrayNode array = BundleReader.json().createArrayNode();
        for (Extension extension : RecordRendering.provenance(code, receivedAt)) {
            var holder = new org.hl7.fhir.r4.model.Basic();
            holder.addExtension(extension);
            JsonNode encoded = BundleReader.json().readTree(fhir.newJsonParser().encodeResourceToString(holder));
            array.add(encoded.path("extension").get(0));
        }
        return array;
    }

    private Organization organisation(OrganisationId id, Map<OrganisationId, Organization> organisations) {
        return organisations.computeIfAbsent(id, key -> directory.organisation(key).map(RecordRendering::organisation)
                .orElseThrow(() -> new IllegalStateException("an item's source organisation is missing")));
    }
}
