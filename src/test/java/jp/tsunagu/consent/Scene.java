package jp.tsunagu.consent;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.directory.PatientDetails;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.directory.Sex;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.identity.TestActors;
import jp.tsunagu.record.Allergy;
import jp.tsunagu.record.Diagnosis;
import jp.tsunagu.record.IncomingBatch;
import jp.tsunagu.record.ItemContent;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.NewItem;
import jp.tsunagu.record.Prescription;
import jp.tsunagu.record.RecordService;
import jp.tsunagu.record.SensitiveLabel;
import jp.tsunagu.record.Source;
import jp.tsunagu.shared.PersonName;

/**
 * Who is on stage in the consent tests: hospital A (sent the record, does not treat the patient),
 * hospital B (treats her), and a patient with an account and five items from A: 高血圧症, うつ病 (labelled
 * MENTAL_HEALTH), HbA1c, アムロジピン, ペニシリン allergy. Each scene has its own codes and names.
 */
public record Scene(String run, String codeA, String codeB, OrganisationId hospitalA, OrganisationId hospitalB,
        PatientId patient) {

    public static Scene set(Directory directory, RecordService records) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String codeA = "13" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        String codeB = "27" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        return SystemActor.call("test", () -> {
            OrganisationId a = directory.organisation(OrganisationDetails.of(OrganisationKind.HOSPITAL, "A病院",
                    Identifier.medicalInstitution(codeA)));
            OrganisationId b = directory.organisation(OrganisationDetails.of(OrganisationKind.HOSPITAL, "B病院",
                    Identifier.medicalInstitution(codeB)));
            PatientId patient = directory.registerPatient(new PatientDetails(PersonName.of("共有", "試験", "キョウユウ",
                    "シケン"), LocalDate.of(1980, 1, 1), Sex.FEMALE, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), List.of(new Identifier("urn:test:share", run))));
            directory.linkAccount(patient, "p-" + run);
            directory.recordCare(patient, b);
            records.store(new IncomingBatch(patient, Optional.of(a), "collection", Optional.empty(), run,
                    Optional.empty(), "test", List.of(
                            item(a, new Diagnosis("高血圧症", Optional.empty(), Optional.of("I10"), Optional.of("active"),
                                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), List.of()),
                            item(a, new Diagnosis("うつ病", Optional.empty(), Optional.of("F32"), Optional.of("active"),
                                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                                    List.of(SensitiveLabel.MENTAL_HEALTH)),
                            item(a, new LabResult("HbA1c", Optional.empty(), Optional.of(new BigDecimal("6.1")),
                                    Optional.empty(), Optional.of("%"), Optional.empty(), Optional.empty(),
                                    Optional.empty(), Optional.of(Instant.now())), List.of()),
                            item(a, new Prescription("アムロジピン錠5mg", Optional.empty(), Optional.empty(),
                                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                                    Optional.empty()), List.of()),
                            item(a, new Allergy("ペニシリン", Optional.empty(), Allergy.AllergyCategory.MEDICATION,
                                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                                    Optional.empty(), Optional.empty()), List.of()))));
            return new Scene(run, codeA, codeB, a, b, patient);
        });
    }

    /** Runs as a clinician of the hospital with that code ("dr-RUN"). */
    <T> T asClinicianOf(String code, Supplier<T> work) {
        return as(() -> TestActors.signInAt("dr-" + run, "医師 " + run, Role.CLINICIAN, code), work);
    }

    <T> T asPatient(Supplier<T> work) {
        return as(() -> TestActors.signIn("p-" + run, "共有 試験", Role.PATIENT), work);
    }

    public static <T> T as(Runnable signIn, Supplier<T> work) {
        signIn.run();
        try {
            return work.get();
        } finally {
            TestActors.signOut();
        }
    }

    /** The item's name as the assertions read it. */
    static String name(ItemContent content) {
        return switch (content) {
            case Diagnosis d -> d.name();
            case LabResult l -> l.name();
            case Allergy al -> al.substance();
            case Prescription p -> p.drugName();
            default -> content.kind().name();
        };
    }

    private static NewItem item(OrganisationId source, ItemContent content, List<SensitiveLabel> labels) {
        return new NewItem(content, new Source(Optional.of(source), content.kind() + "|" + UUID.randomUUID(),
                Optional.empty(), Optional.empty()), false, labels);
    }
}
