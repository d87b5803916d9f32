package jp.tsunagu.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jp.tsunagu.audit.AccessEntry.Action;
import jp.tsunagu.audit.AccessEntry.Outcome;
import jp.tsunagu.audit.AccessLog;
import jp.tsunagu.audit.NewAccess;
import jp.tsunagu.consent.PatientNotices;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.Organisation;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.directory.PractitionerDetails;
import jp.tsunagu.fhir.ImportPlan.PlannedItem;
import jp.tsunagu.fhir.ImportPlan.PlannedPractitioner;
import jp.tsunagu.fhir.SenderRules.PatientDecision;
import jp.tsunagu.record.IncomingBatch;
import jp.tsunagu.record.NewItem;
import jp.tsunagu.record.OtherResource;
import jp.tsunagu.record.RecordService;
import jp.tsunagu.record.Source;
import jp.tsunagu.record.StoreResult;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.springframework.stereotype.Component;

/**
 * Carries out an {@link ImportPlan} in the caller's transaction: the patient (found or registered, with
 * the identifiers the sender may attach), organisations and practitioners, the items bundle by bundle,
 * and the care relationships. A sender that files records for a patient for the first time is an event:
 * it is written to her access log and she is told in her inbox, where she can say the records are not hers.
 */
@Component
class ImportWriter {

    private final Directory directory;
    private final RecordService records;
    private final AccessLog log;
    private final PatientNotices notices;

    ImportWriter(Directory directory, RecordService records, AccessLog log, PatientNotices notices) {
        this.directory = directory;
        this.records = records;
        this.log = log;
        this.notices = notices;
    }

    ImportResult write(ImportPlan plan, PatientDecision decision, ImportRequest request) {
        boolean registered = decision.existing().isEmpty();
        PatientId patient = decision.existing()
                .orElseGet(() -> directory.registerPatient(decision.toRegister().orElseThrow()));
        if (!registered && !decision.attach().isEmpty()) {
            directory.addIdentifiers(patient, decision.attach());
        }
        Map<String, OrganisationId> organisations = new HashMap<>();
        plan.organisations().forEach((code, details) -> organisations.put(code, organisation(code, details)));
        for (PlannedPractitioner p : plan.practitioners()) {
            directory.practitioner(practitioner(p.practitioner(), p.source().map(organisations::get), p.key()));
        }
        long added = 0;
        long updated = 0;
        long unchanged = 0;
        boolean allResent = true;
        Map<String, Long> byCategory = new TreeMap<>();
        Set<OrganisationId> treating = new LinkedHashSet<>();
        Map<ParsedBundle.Entry, EntryOutcome> outcomes = new IdentityHashMap<>();
        for (ImportPlan.Scope scope : plan.scopes()) {
            if (scope.items().isEmpty()) {
                continue;
            }
            List<NewItem> items = new ArrayList<>();
            for (PlannedItem item : scope.items()) {
                Optional<OrganisationId> source = item.source().map(organisations::get);
                items.add(new NewItem(item.content(), new Source(source, item.key(),
                        ImportPlanner.identifiers(item.entry().resource()).stream().findFirst(),
                        Optional.of(item.entry().original())), item.undisclosed(), item.sensitiveLabels()));
                source.ifPresent(treating::add);
            }
            StoreResult result = records.store(new IncomingBatch(patient, scope.source().map(organisations::get),
                    scope.bundle().type(), scope.bundle().identifier(), ImportPlanner.sha256(scope.original()),
                    Optional.of(scope.original()), request.receivedBy(), items));
            allResent &= result.alreadyImported();
            for (int i = 0; i < result.items().size(); i++) {
                StoreResult.ItemOutcome outcome = result.items().get(i);
                ParsedBundle.Entry entry = scope.items().get(i).entry();
                outcomes.put(entry, new EntryOutcome(entry.expression(), entry.resourceType(),
                        switch (outcome.outcome()) {
                            case ADDED -> EntryOutcome.Kind.CREATED;
                            case UPDATED -> EntryOutcome.Kind.UPDATED;
                            case UNCHANGED -> EntryOutcome.Kind.UNCHANGED;
                        }, Optional.of(outcome.id().value().toString())));
                switch (outcome.outcome()) {
                    case ADDED -> {
                        added++;
                        byCategory.merge(outcome.category().name(), 1L, Long::sum);
                    }
                    case UPDATED -> updated++;
                    case UNCHANGED -> unchanged++;
                }
            }
        }
        for (OrganisationId organisation : treating) {
            directory.organisation(organisation).filter(o -> o.details().kind().providesCare())
                    .filter(o -> directory.recordCare(patient, o.id()))
                    .ifPresent(o -> newSender(patient, o));
        }
        if (added + updated > 0) {
            // Every change to a record is logged with who made it (a hospital's system, a clinician, the patient).
            log.record(new NewAccess(Optional.of(patient.value()), List.copyOf(byCategory.keySet()), Optional.empty(),
                    Action.IMPORTED, Outcome.RECORDED, "added " + added + ", updated " + updated));
        }
        Map<String, Long> kept = new TreeMap<>();
        plan.scopes().stream().flatMap(s -> s.items().stream()).map(PlannedItem::content)
                .filter(OtherResource.class::isInstance)
                .forEach(other -> kept.merge(((OtherResource) other).resourceType(), 1L, Long::sum));
        List<EntryOutcome> entries = plan.bundle().allEntries().stream()
                .map(e -> outcomes.getOrDefault(e, new EntryOutcome(e.expression(), e.resourceType(),
                        registered && e.resource() instanceof Patient ? EntryOutcome.Kind.CREATED
                                : EntryOutcome.Kind.REFERENCED,
                        e.resource() instanceof Patient ? Optional.of(patient.value().toString()) : Optional.empty())))
                .toList();
        return new ImportResult(patient, registered, allResent && added == 0 && updated == 0,
                plan.bundle().allEntries().size(), added, updated, unchanged, byCategory, kept, plan.warnings(),
                entries);
    }

    /** The organisation with this 医療機関コード: registered from the bundle's Organization on first sight. */
    private OrganisationId organisation(String code, Optional<OrganisationDetails> fromBundle) {
        return fromBundle.map(directory::organisation)
                .or(() -> directory.organisation(Identifier.medicalInstitution(code)).map(Organisation::id))
                .orElseThrow(() -> new IllegalStateException("the plan checked that " + code + " is known"));
    }

    private void newSender(PatientId patient, Organisation organisation) {
        log.record(new NewAccess(Optional.of(patient.value()), List.of(), Optional.empty(), Action.RECORDS_RECEIVED,
                Outcome.RECORDED, organisation.details().name()));
        notices.recordsArrived(patient, organisation.details().name(), organisation.id());
    }

    private static PractitionerDetails practitioner(Practitioner practitioner, Optional<OrganisationId> organisation,
            String key) {
        var names = practitioner.getName();
        // hasText() is true for a text with only an extension (and HAPI's getNameAsSingleString() then fails):
        // read the text itself, else join the parts.
        String name = names.isEmpty() ? "" : Optional.ofNullable(names.getFirst().getText()).filter(t -> !t.isBlank())
                .orElseGet(() -> parts(names.getFirst())).strip();
        Optional<String> kana = names.size() > 1 ? Optional.ofNullable(names.get(1).getText())
                .filter(t -> !t.isBlank()) : Optional.empty();
        return new PractitionerDetails(organisation, name, kana,
                organisation.map(o -> o + "|").orElse("") + key);
    }

    /** "山田 太郎": family then given names, whichever are there. */
    private static String parts(org.hl7.fhir.r4.model.HumanName name) {
        List<String> parts = new ArrayList<>();
        Optional.ofNullable(name.getFamily()).filter(f -> !f.isBlank()).ifPresent(parts::add);
        name.getGiven().stream().map(org.hl7.fhir.r4.model.StringType::getValue)
                .filter(g -> g != null && !g.isBlank()).forEach(parts::add);
        return String.join(" ", parts);
    }
}
