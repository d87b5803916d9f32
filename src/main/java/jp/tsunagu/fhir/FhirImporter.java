package jp.tsunagu.fhir;

import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.fhir.ImportRefusedException.Reason;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.record.MyRecord;
import jp.tsunagu.shared.TokenBuckets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a FHIR R4 bundle (document, collection, transaction) or a single resource into the record:
 * {@link ImportPlanner} reads and checks everything and decides what each entry becomes,
 * {@link SenderRules} decides whom it is about and what the sender may do, {@link ImportWriter} writes it
 * in one transaction, so a bundle is stored whole or not at all.
 */
@Service
public class FhirImporter {

    private final ImportPlanner planner;
    private final SenderRules senders;
    private final ImportWriter writer;
    private final Directory directory;
    private final FhirProperties properties;
    private final MyRecord myRecord;
    private final ActorService actors;
    /** Uploads through the screens, per person: a file now and then is normal, a script is not. */
    private final TokenBuckets screenUploads = new TokenBuckets(10, 10, java.time.Clock.systemUTC());

    FhirImporter(ImportPlanner planner, SenderRules senders, ImportWriter writer, Directory directory,
            FhirProperties properties, MyRecord myRecord, ActorService actors) {
        this.planner = planner;
        this.senders = senders;
        this.writer = writer;
        this.directory = directory;
        this.properties = properties;
        this.myRecord = myRecord;
        this.actors = actors;
    }

    @PreAuthorize(Authorities.CAN_IMPORT + " or " + Authorities.IS_PATIENT + " or hasRole('CLINICIAN')")
    public long maxBundleBytes() {
        return sizeLimit();
    }

    /**
     * A clinician adds a FHIR document (a referral letter, a discharge summary) for a patient their
     * hospital treats: stored with their hospital as the source, checked like any import.
     *
     * @throws ImportRefusedException {@code fhir.error.notTreated} when the hospital does not treat the patient
     */
    @PreAuthorize("hasRole('CLINICIAN')")
    @Transactional(rollbackFor = Exception.class)
    public ImportResult importForPatient(byte[] bytes, PatientId patient) {
        var clinician = actors.currentActor().orElseThrow();
        limitUploads(clinician.subject());
        var hospital = directory.signedInOrganisation().filter(o -> directory.treats(patient, o.id()))
                .orElseThrow(() -> new ImportRefusedException(Reason.FORBIDDEN, ImportProblem.at("Bundle", "Bundle",
                        "fhir.error.notTreated")));
        ImportRequest request = ImportRequest.fromClinician(patient, clinician.subject(),
                hospital.details().identifier().value());
        // With the clinician's own permission: the directory and the record admit a clinician for a patient their
        // hospital treats, with their hospital as the only source (PatientOwnership); no more.
        return checkedAndWritten(bytes, request);
    }

    /**
     * A patient's upload into their own record (a file from a hospital or another app). The patient is
     * the one signed in, found on the server; every item is theirs and attributed to them, and nothing
     * in the directory changes. Checked and stored exactly like any other import: whole or not at all.
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(rollbackFor = Exception.class)
    public ImportResult importOwnBundle(byte[] bytes) {
        PatientId patient = myRecord.me()
                .orElseThrow(() -> new IllegalStateException("this account is not linked to a patient record"));
        String subject = actors.currentActor().orElseThrow().subject();
        limitUploads(subject);
        ImportRequest request = ImportRequest.fromPatient(patient, subject);
        // With the patient's own permission: the record admits her into her own record, attributed to no
        // hospital (PatientOwnership); the request pins every item to her and leaves the directory alone.
        return checkedAndWritten(bytes, request);
    }

    private void limitUploads(String subject) {
        screenUploads.take(subject).ifPresent(wait -> {
            throw new ImportRefusedException(Reason.RATE_LIMITED, ImportProblem.at("Bundle", "Bundle",
                    "fhir.error.tooManyUploads", Long.toString(Math.max(1, (wait.toSeconds() + 59) / 60))));
        });
    }

    long sizeLimit() {
        return properties.maxBundleSize().toBytes();
    }

    /**
     * Imports a bundle or a single resource: plan (read, check, decide what each entry becomes), decide
     * whom it is about and what the sender may do with them, then write it all in this one transaction.
     */
    @PreAuthorize(Authorities.CAN_IMPORT)
    @Transactional(rollbackFor = Exception.class)
    public ImportResult importBundle(byte[] bytes, ImportRequest request) {
        return checkedAndWritten(bytes, request);
    }

    /** In the caller's transaction and with the caller's permission: every service it uses checks again. */
    private ImportResult checkedAndWritten(byte[] bytes, ImportRequest request) {
        if (bytes.length > sizeLimit()) {
            throw tooLarge(bytes.length);
        }
        ImportPlan plan = planner.plan(bytes, request);
        return writer.write(plan, senders.patientOf(plan, request), request);
    }

    private ImportRefusedException tooLarge(long bytes) {
        return new ImportRefusedException(Reason.TOO_LARGE, ImportProblem.at("Bundle", "Bundle",
                "fhir.error.tooLarge", megabytes(bytes), megabytes(sizeLimit())));
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }
}
