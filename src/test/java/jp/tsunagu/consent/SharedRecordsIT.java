package jp.tsunagu.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jp.tsunagu.audit.AccessEntry;
import jp.tsunagu.audit.AccessLog;
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
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.record.RecordItem;
import jp.tsunagu.record.RecordService;
import jp.tsunagu.record.SensitiveLabel;
import jp.tsunagu.record.Source;
import jp.tsunagu.shared.PersonName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The read path for somebody other than the patient: a clinician sees exactly what the ledger permits
 * now, every read and every refusal is in the access log, and a committed revocation holds for every
 * later read, also under many concurrent readers.
 */
@SpringBootTest
@ActiveProfiles("test")
class SharedRecordsIT {

    private static final Set<RecordCategory> ALL = ConsentCategories.SHAREABLE;

    @Autowired
    SharedRecords shared;
    @Autowired
    MyConsent consent;
    @Autowired
    Directory directory;
    @Autowired
    RecordService records;
    @Autowired
    AccessLog log;
    @Autowired
    AccessDecisions decisions;

    private Scene scene;
    private String codeA;
    private String codeB;
    private OrganisationId hospitalA;
    private PatientId patient;

    @BeforeEach
    void aPatientWithARecord() {
        scene = Scene.set(directory, records);
        codeA = scene.codeA();
        codeB = scene.codeB();
        hospitalA = scene.hospitalA();
        patient = scene.patient();
    }

    @AfterEach
    void signOut() {
        TestActors.signOut();
    }

    @Test
    void withoutConsent_theClinicianSeesNothing_andTheRefusalIsLogged() {
        SharedView view = asClinicianOf(codeA, () -> shared.readForTreatment(patient, ALL));

        assertThat(view.items()).isEmpty();
        assertThat(view.decisions().values()).allSatisfy(d -> {
            assertThat(d.permitted()).isFalse();
            assertThat(d.reason()).isEqualTo("defaultDeny");
        });
        assertThat(logged()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AccessEntry.Outcome.DENIED);
            assertThat(e.actor()).isEqualTo("dr-" + scene.run());
            assertThat(e.organisation()).contains(codeA);
            assertThat(e.purpose()).contains("TREATMENT");
        });
    }

    @Test
    void grantedDiagnosesAndLabs_areExactlyWhatHospitalASees_withoutTheExcludedLabel_andHospitalBSeesNothing() {
        asPatient(() -> consent.grant(new Grantee.Organisation(hospitalA),
                EnumSet.of(RecordCategory.DIAGNOSIS, RecordCategory.LAB), Set.of(SensitiveLabel.MENTAL_HEALTH),
                Optional.empty()));

        SharedView a = asClinicianOf(codeA, () -> shared.readForTreatment(patient, ALL));
        assertThat(a.items()).extracting(RecordItem::content).extracting(SharedRecordsIT::name)
                .containsExactlyInAnyOrder("高血圧症", "HbA1c");
        assertThat(a.decisions().get(RecordCategory.PRESCRIPTION).permitted()).isFalse();
        assertThat(a.decisions().get(RecordCategory.DRUG_ALLERGY).permitted()).isFalse();
        assertThat(logged()).extracting(AccessEntry::outcome, e -> e.categories().size())
                .contains(org.assertj.core.groups.Tuple.tuple(AccessEntry.Outcome.PERMITTED, 2));
        // Issue 17: one access is one row; what she does not share is named in it, in the screens' order.
        assertThat(logged()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AccessEntry.Outcome.PERMITTED);
            assertThat(e.categories()).containsExactly("DIAGNOSIS", "LAB");
            assertThat(e.notShown()).containsExactly("DRUG_ALLERGY", "OTHER_ALLERGY", "PRESCRIPTION", "INFECTION",
                    "REFERRAL_LETTER", "DISCHARGE_SUMMARY", "HEALTH_CHECK", "PHR");
            assertThat(e.reasonCode()).isEqualTo("consent");
        });

        SharedView b = asClinicianOf(codeB, () -> shared.readForTreatment(patient, ALL));
        assertThat(b.items()).isEmpty();
    }

    @Test
    void allTreatingOrganisations_coversTheOneInACareRelationship_only() {
        asPatient(() -> consent.grant(new Grantee.Treating(), EnumSet.of(RecordCategory.DRUG_ALLERGY),
                Set.of(), Optional.empty()));

        assertThat(asClinicianOf(codeB, () -> shared.readForTreatment(patient, ALL)).items())
                .extracting(RecordItem::content).extracting(SharedRecordsIT::name).containsExactly("ペニシリン");
        assertThat(asClinicianOf(codeA, () -> shared.readForTreatment(patient, ALL)).items())
                .as("A sent data but does not treat the patient").isEmpty();
    }

    @Test
    void revocation_holdsForTheNextRead_andThePatientIsToldOfEveryUseIfAsked() {
        DirectiveId grant = asPatient(() -> {
            consent.notifyEveryUse(true);
            return consent.grant(new Grantee.Organisation(hospitalA), EnumSet.of(RecordCategory.LAB), Set.of(),
                    Optional.empty());
        });
        assertThat(asClinicianOf(codeA, () -> shared.readForTreatment(patient, ALL)).items()).hasSize(1);
        assertThat(asPatient(() -> consent.revoke(grant))).isTrue();
        assertThat(asClinicianOf(codeA, () -> shared.readForTreatment(patient, ALL)).items()).isEmpty();

        List<InboxMessage> inbox = asPatient(() -> consent.inbox());
        assertThat(inbox).extracting(InboxMessage::kind).containsExactly(InboxMessage.Kind.CONSENT_CHANGED,
                InboxMessage.Kind.DATA_USED, InboxMessage.Kind.CONSENT_CHANGED);
        assertThat(asPatient(() -> consent.history())).extracting(Directive::version).containsExactly(2, 1);
        assertThat(asPatient(() -> consent.accessLog())).extracting(AccessEntry::action).contains(
                AccessEntry.Action.CONSENT_CHANGE, AccessEntry.Action.READ);
    }

    @Test
    void onceARevocationHasCommitted_noLaterReadIsPermitted_manyReadersOneRevoker() throws Exception {
        DirectiveId grant = asPatient(() -> consent.grant(new Grantee.Organisation(hospitalA),
                EnumSet.of(RecordCategory.LAB, RecordCategory.DIAGNOSIS), Set.of(), Optional.empty()));
        int readers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
        AtomicLong revokedAt = new AtomicLong(Long.MAX_VALUE);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicLong permittedBefore = new AtomicLong();
        AtomicLong deniedAfter = new AtomicLong();
        List<Future<?>> work = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            work.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 40; i++) {
                    long asked = System.nanoTime();
                    boolean afterRevocation = asked > revokedAt.get();
                    SharedView view = asClinicianOf(codeA, () -> shared.readForTreatment(patient, ALL));
                    if (afterRevocation && !view.items().isEmpty()) {
                        violations.add("read started " + (asked - revokedAt.get()) / 1000 + " µs after the revocation "
                                + "committed still saw " + view.items().size() + " items");
                    }
                    (view.items().isEmpty() ? deniedAfter : permittedBefore).incrementAndGet();
                }
                return null;
            }));
        }
        work.add(pool.submit(() -> {
            start.await();
            Thread.sleep(150);
            asPatient(() -> consent.revoke(grant));
            revokedAt.set(System.nanoTime()); // revoke() has returned: its transaction has committed
            return null;
        }));
        start.countDown();
        for (Future<?> f : work) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(violations).isEmpty();
        assertThat(permittedBefore.get()).as("reads before the revocation saw data").isPositive();
        assertThat(deniedAfter.get()).as("reads after it saw none").isPositive();
        assertThat(SystemActor.call("test", log::verify).intact()).isTrue();
    }

    @Test
    void theDecisionPoint_answersClinicians_andNobodyElse() {
        AccessRequest request = new AccessRequest(Purpose.TREATMENT, RecordCategory.DIAGNOSIS,
                Optional.of(hospitalA), false, Set.of(), Instant.now());

        assertThat(asClinicianOf(codeA, () -> decisions.decide(patient, request)).reason()).isEqualTo("defaultDeny");
        assertThat(asClinicianOf(codeB, () -> decisions.sharesAnythingWith(patient, scene.hospitalB(), true))).isFalse();

        for (Role role : List.of(Role.PATIENT, Role.SPONSOR, Role.STEWARD)) {
            TestActors.signIn("p-" + scene.run(), "共有 試験", role);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> decisions.decide(patient, request))
                    .as(role.name()).isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> decisions.sharesAnythingWith(patient, hospitalA,
                    false)).as(role.name()).isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        }
    }

    private List<AccessEntry> logged() {
        return SystemActor.call("test", () -> log.aboutPatient(patient.value(), 50)).stream()
                .filter(e -> e.action() == AccessEntry.Action.READ).toList();
    }

    private <T> T asClinicianOf(String code, java.util.function.Supplier<T> work) {
        return scene.asClinicianOf(code, work);
    }

    private <T> T asPatient(java.util.function.Supplier<T> work) {
        return scene.asPatient(work);
    }

    private void asPatient(Runnable work) {
        asPatient(() -> {
            work.run();
            return null;
        });
    }

    private static String name(ItemContent content) {
        return Scene.name(content);
    }
}
