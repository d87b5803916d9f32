package jp.tsunagu.fhir;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jp.tsunagu.audit.AccessEntry.Action;
import jp.tsunagu.audit.AccessEntry.Outcome;
import jp.tsunagu.audit.AccessLog;
import jp.tsunagu.audit.NewAccess;
import jp.tsunagu.directory.AmbiguousPatientException;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.PatientDetails;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.directory.Sex;
import jp.tsunagu.fhir.ImportRefusedException.Reason;
import jp.tsunagu.shared.PersonName;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place that decides what a sender may do with a patient: whom a bundle is about, which of its
 * identifiers may join the patient, whether a new patient may be registered. Entries are kept apart by
 * sender in the record itself (an item's identity includes who sent it), so no sender replaces another's.
 *
 * <ul>
 * <li>A hospital finds a patient only by its <em>own</em> patient number (the naming system JP derives from
 * its 医療機関コード), or by the national 被保険者番号 together with the same name and birth date. Another
 * hospital's number never finds anybody, and only the hospital's own numbers (and, at registration, the
 * 被保険者番号) are attached. A bundle that names a registered patient only by somebody else's number is
 * refused, and the attempt is written to that patient's access log (it survives the refusal).</li>
 * <li>A patient's upload must be about her (name in kanji or kana, birth date, sex where given); a
 * clinician's document for the patient in front of them likewise. Neither attaches anything.</li>
 * <li>An operator restoring an export (the command line) is trusted with any identifier, as before.</li>
 * </ul>
 */
@Component
class SenderRules {

    /** Whom the import is about. {@code attach}: identifiers of the sender's to add to the patient. */
    record PatientDecision(Optional<PatientId> existing, Optional<PatientDetails> toRegister, Set<Identifier> attach) {
    }

    private final Directory directory;
    private final AccessLog log;
    private final TransactionTemplate ownTransaction;

    SenderRules(Directory directory, AccessLog log, PlatformTransactionManager transactions) {
        this.directory = directory;
        this.log = log;
        this.ownTransaction = new TransactionTemplate(transactions);
        // A refused attempt is logged although the import's own transaction rolls back.
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    PatientDecision patientOf(ImportPlan plan, ImportRequest request) {
        List<ParsedBundle.Entry> entries = plan.bundle().allEntries();
        List<ParsedBundle.Entry> patients = entries.stream().filter(e -> e.resource() instanceof Patient).toList();
        String where = patients.isEmpty() ? "Bundle" : patients.getFirst().expression();
        // A bundle is about one person: two Patients born on different days are two people, not one to merge.
        if (patients.stream().flatMap(e -> RecordMapping.date(((Patient) e.resource()).getBirthDateElement()).stream())
                .distinct().count() > 1) {
            throw refused(Reason.INVALID, where, "fhir.error.twoPatients");
        }
        if (request.forPatient().isPresent()) {
            return chosen(request.forPatient().get(), entries, patients, request, where);
        }
        Set<Identifier> identifiers = identifiers(entries);
        if (identifiers.isEmpty()) {
            throw refused(Reason.INVALID, where + ".identifier", "fhir.error.noPatient");
        }
        return request.fixedSource().map(code -> byHospital(code, identifiers, patients, request, where))
                .orElseGet(() -> byOperator(identifiers, patients, request, where));
    }

    /** The sender chose the patient (her own upload, a clinician's chart): the bundle must be about her. */
    private PatientDecision chosen(PatientId chosen, List<ParsedBundle.Entry> entries,
            List<ParsedBundle.Entry> patients, ImportRequest request, String where) {
        PatientDetails registered = directory.patient(chosen).orElseThrow().details();
        for (ParsedBundle.Entry entry : patients) {
            if (!samePerson((Patient) entry.resource(), registered)) {
                throw refused(Reason.INVALID, entry.expression(),
                        request.patientUpload() ? "fhir.error.notYourRecord" : "fhir.error.otherPatient");
            }
        }
        if (request.patientUpload()) {
            return new PatientDecision(Optional.of(chosen), Optional.empty(), Set.of());
        }
        Set<Identifier> own = own(request.fixedSource().orElseThrow(), identifiers(entries));
        Optional<PatientId> named = find(own, where);
        if (named.isPresent() && !named.get().equals(chosen)) {
            throw refused(Reason.INVALID, where, "fhir.error.otherPatient");
        }
        return new PatientDecision(Optional.of(chosen), Optional.empty(), own);
    }

    private PatientDecision byHospital(String code, Set<Identifier> identifiers, List<ParsedBundle.Entry> patients,
            ImportRequest request, String where) {
        Set<Identifier> own = own(code, identifiers);
        Set<Identifier> national = new LinkedHashSet<>(identifiers.stream()
                .filter(Identifier::isNationalInsuranceMember).toList());
        Optional<PatientId> found = find(own, where + ".identifier");
        if (found.isEmpty() && !national.isEmpty()) {
            Optional<PatientId> byNational = find(national, where + ".identifier");
            if (byNational.isPresent()) {
                PatientDetails registered = directory.patient(byNational.get()).orElseThrow().details();
                if (patients.isEmpty() || !patients.stream().allMatch(p -> samePerson((Patient) p.resource(),
                        registered))) {
                    logRefused(byNational.get(), code);
                    throw refused(Reason.INVALID, where, "fhir.error.nationalIdMismatch");
                }
                found = byNational;
            }
        }
        if (found.isPresent()) {
            return new PatientDecision(found, Optional.empty(), own);
        }
        Set<Identifier> foreign = new LinkedHashSet<>(identifiers);
        foreign.removeAll(own);
        foreign.removeAll(national);
        Optional<PatientId> claimed = foreign.isEmpty() ? Optional.empty() : findQuietly(foreign);
        if (claimed.isPresent()) {
            logRefused(claimed.get(), code);
            throw refused(Reason.INVALID, where + ".identifier", "fhir.error.foreignIdentifier", code);
        }
        if (own.isEmpty() && national.isEmpty()) {
            throw refused(Reason.INVALID, where + ".identifier", "fhir.error.noOwnIdentifier", code);
        }
        Set<Identifier> keep = new LinkedHashSet<>(own);
        keep.addAll(national);
        return register(patients, request, where, keep);
    }

    private PatientDecision byOperator(Set<Identifier> identifiers, List<ParsedBundle.Entry> patients,
            ImportRequest request, String where) {
        Optional<PatientId> found = find(identifiers, where + ".identifier");
        if (found.isPresent()) {
            return new PatientDecision(found, Optional.empty(), identifiers);
        }
        return register(patients, request, where, identifiers);
    }

    private PatientDecision register(List<ParsedBundle.Entry> patients, ImportRequest request, String where,
            Set<Identifier> identifiers) {
        if (!request.mayRegisterPatients()) {
            throw refused(Reason.UNKNOWN_PATIENT, where + ".identifier", "fhir.error.unknownPatient");
        }
        // hasBirthDate() is true for a birth date with only a data-absent-reason: the value itself must be there.
        Optional<Patient> registrable = patients.stream().map(e -> (Patient) e.resource())
                .filter(p -> p.getBirthDate() != null && nameOf(p).isPresent()).findFirst();
        if (registrable.isEmpty()) {
            throw refused(Reason.INVALID, where, "fhir.error.patientIncomplete");
        }
        PatientDetails details = RecordMapping.patient(registrable.get());
        return new PatientDecision(Optional.empty(), Optional.of(new PatientDetails(nameOf(registrable.get())
                .orElseThrow(), details.birthDate(), details.sex(), details.prefecture(), details.postalCode(),
                details.address(), details.phone(), details.email(), List.copyOf(identifiers))), identifiers);
    }

    /** The hospital's own patient numbers among the identifiers. */
    private static Set<Identifier> own(String institutionCode, Set<Identifier> identifiers) {
        Set<Identifier> own = new LinkedHashSet<>();
        identifiers.stream().filter(i -> Identifier.localPatientInstitution(i.system())
                .filter(institutionCode::equals).isPresent()).forEach(own::add);
        return own;
    }

    /** Patient.identifier of every Patient, and identifiers of subject references: the ways a bundle names its patient. */
    private static Set<Identifier> identifiers(List<ParsedBundle.Entry> entries) {
        Set<Identifier> identifiers = new LinkedHashSet<>();
        for (ParsedBundle.Entry entry : entries) {
            if (entry.resource() instanceof Patient patient) {
                patient.getIdentifier().forEach(i -> identifier(i).ifPresent(identifiers::add));
            }
            RecordMapping.subject(entry.resource()).filter(Reference::hasIdentifier)
                    .flatMap(r -> identifier(r.getIdentifier())).ifPresent(identifiers::add);
        }
        return identifiers;
    }

    /** Only a system and a value together name somebody; a value alone could mean anyone's. */
    private static Optional<Identifier> identifier(org.hl7.fhir.r4.model.Identifier i) {
        String system = i.getSystem();
        String value = i.getValue();
        return system == null || system.isBlank() || value == null || value.isBlank() ? Optional.empty()
                : Optional.of(new Identifier(system.strip(), value.strip()));
    }

    private Optional<PatientId> find(Set<Identifier> identifiers, String where) {
        if (identifiers.isEmpty()) {
            return Optional.empty();
        }
        try {
            return directory.findPatient(identifiers);
        } catch (AmbiguousPatientException e) {
            throw refused(Reason.INVALID, where, "fhir.error.ambiguousPatient");
        }
    }

    /** Whom foreign identifiers would have named: only to log the attempt on that person. */
    private Optional<PatientId> findQuietly(Set<Identifier> identifiers) {
        try {
            return directory.findPatient(identifiers);
        } catch (AmbiguousPatientException e) {
            return Optional.empty();
        }
    }

    private void logRefused(PatientId patient, String institutionCode) {
        String sender = directory.organisation(Identifier.medicalInstitution(institutionCode))
                .map(o -> o.details().name()).orElse(institutionCode);
        ownTransaction.executeWithoutResult(status -> log.record(new NewAccess(Optional.of(patient.value()),
                List.of(), Optional.empty(), Action.RECORDS_RECEIVED, Outcome.DENIED, sender)));
    }

    /**
     * The same person: the same birth date, a name equal (spaces, width and hiragana/katakana aside) to
     * the registered kanji or kana name, and the same sex where both are known.
     */
    static boolean samePerson(Patient resource, PatientDetails registered) {
        if (!resource.hasBirthDate() || resource.getBirthDateElement().getValue() == null) {
            return false;
        }
        Optional<java.time.LocalDate> birth = RecordMapping.date(resource.getBirthDateElement());
        if (birth.isEmpty() || !birth.get().equals(registered.birthDate())) {
            return false;
        }
        if (resource.hasGender() && resource.getGender() != null && registered.sex() != Sex.UNKNOWN) {
            Optional<Sex> sex = Sex.ofCode(resource.getGender().toCode());
            if (sex.isPresent() && sex.get() != Sex.UNKNOWN && sex.get() != registered.sex()) {
                return false;
            }
        }
        PersonName name = registered.name();
        Set<String> known = new LinkedHashSet<>();
        known.add(comparable(name.family() + name.given()));
        if (name.familyKana().isPresent() || name.givenKana().isPresent()) {
            known.add(comparable(name.familyKana().orElse("") + name.givenKana().orElse("")));
        }
        return resource.getName().stream().map(SenderRules::written).anyMatch(known::contains);
    }

    private static String written(HumanName name) {
        String parts = (name.getFamily() == null ? "" : name.getFamily())
                + String.join("", name.getGiven().stream().map(StringType::getValue)
                        .filter(v -> v != null).toList());
        return comparable(parts.isBlank() && name.getText() != null ? name.getText() : parts);
    }

    /** Full-width to half-width where it matters (NFKC), no spaces, hiragana as katakana. */
    private static String comparable(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\\s\u3000]", "");
        StringBuilder out = new StringBuilder(normal.length());
        normal.codePoints().forEach(c -> out.appendCodePoint(c >= 0x3041 && c <= 0x3096 ? c + 0x60 : c));
        return out.toString();
    }

    /** The kanji name a registration needs (kana beside it when given); empty when the resource names nobody. */
    private static Optional<PersonName> nameOf(Patient patient) {
        try {
            return Optional.of(RecordMapping.patient(patient).name());
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            // A name without family and given parts (text only, or blank) cannot register anybody.
            return Optional.empty();
        }
    }

    private static ImportRefusedException refused(Reason reason, String where, String key, Object... arguments) {
        return new ImportRefusedException(reason, ImportProblem.at(where, "Patient", key, arguments));
    }
}
