package jp.tsunagu.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jp.tsunagu.consent.MyConsent;
import jp.tsunagu.consent.Purpose;
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
import jp.tsunagu.insights.PublicFigures;
import jp.tsunagu.insights.TestFigures;
import jp.tsunagu.record.Allergy;
import jp.tsunagu.record.ClinicalDocument;
import jp.tsunagu.record.Code;
import jp.tsunagu.record.CountableFacts;
import jp.tsunagu.record.Diagnosis;
import jp.tsunagu.record.Encounter;
import jp.tsunagu.record.IncomingBatch;
import jp.tsunagu.record.InfectionTest;
import jp.tsunagu.record.ItemContent;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.NewItem;
import jp.tsunagu.record.Prescription;
import jp.tsunagu.record.RecordService;
import jp.tsunagu.record.SensitiveLabel;
import jp.tsunagu.record.Source;
import jp.tsunagu.research.counting.CohortIndexMaintenance;
import jp.tsunagu.research.postmarket.PostMarket;
import jp.tsunagu.research.postmarket.SafetySignal;
import jp.tsunagu.research.studies.Studies;
import jp.tsunagu.research.studies.Study;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shared.PersonName;
import jp.tsunagu.shared.Prefecture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 15, acceptance 3: per figure family, an item with a sensitive label, a 未告知 item and a refuted
 * diagnosis are never counted. Each family gets its own population: exactly 11 patients who qualify through
 * countable items, and one more per exclusion who would qualify only through the excluded item. Figures carry
 * an adjustment, so each figure is checked against the release ledger's entry for it, which holds exactly the
 * people it counted: a single excluded item counted makes them 12 or more. Where a family has no diagnoses (post-market, public figures), a refuted diagnosis
 * cannot make anybody count, and the sensitive label and 未告知 are tried on each kind of item it reads.
 */
@SpringBootTest(properties = "tsunagu.research.daily-budget=100000")
@ActiveProfiles("test")
class NeverCountedIT {

    private static final int QUALIFYING = 11;
    private static final String ALT = "3B045000002327201";
    private static final String AST = "3B035000002327201";

    @Autowired
    Cohorts cohorts;
    @Autowired
    Studies studies;
    @Autowired
    PostMarket postMarket;
    @Autowired
    CohortIndexMaintenance maintenance;
    @Autowired
    MyConsent consent;
    @Autowired
    Directory directory;
    @Autowired
    RecordService records;
    @Autowired
    CountableFacts facts;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    private String run;
    private int serial;

    /** How an item is kept out of every count. */
    private enum Excluded {
        SENSITIVE_LABEL, UNDISCLOSED, REFUTED
    }

    @BeforeEach
    void ready() throws Exception {
        maintenance.awaitIdle(Duration.ofMinutes(1));
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void signOut() {
        TestActors.signOut();
    }

    // ------------------------------------------------------------------ research: cohort, breakdown, invitation

    @Test
    void cohortCount_breakdownAndInvitation_countNoExcludedDiagnosis_neitherInTheOverlayNorAfterARebuild()
            throws Exception {
        String dx = "Q78.0";
        List<PatientId> counted = new ArrayList<>();
        for (int i = 0; i < QUALIFYING; i++) {
            counted.add(trialPatient(List.of(countable(diagnosis(dx, "confirmed")))));
        }
        List<PatientId> excluded = new ArrayList<>();
        for (Excluded how : Excluded.values()) {
            excluded.add(trialPatient(List.of(how == Excluded.REFUTED ? countable(diagnosis(dx, "refuted"))
                    : excluded(diagnosis(dx, "confirmed"), how))));
        }
        excluded.add(trialPatient(List.of(countable(diagnosis(dx, "entered-in-error")))));

        // The facts themselves: the excluded patients have no diagnosis to count.
        for (PatientId patient : excluded) {
            List<String> codes = new ArrayList<>();
            facts.diagnoses(Optional.of(patient), (p, code, name) -> codes.add(code));
            assertThat(codes).as("countable diagnoses of an excluded patient").isEmpty();
        }

        Criterion definition = new Criterion.Diagnosis(dx);
        // First from the overlay (each patient was read afresh after their record changed), then from a build.
        sponsor("A", () -> {
            assertReleasedOf(cohorts.countCohort(definition, Optional.empty()).count(), "total", QUALIFYING);
            Cohorts.Breakdown bySex = cohorts.breakdown(definition, Dimension.SEX, Optional.empty());
            assertReleasedOf(bySex.total(), "total", QUALIFYING);
            // All eleven are women: one shown cell beside empty ones would tell everybody's sex, so it is hidden.
            assertThat(bySex.cells().get(Sex.FEMALE.code()).shown()).isFalse();
        });
        maintenance.requestBuild().get();
        maintenance.awaitIdle(Duration.ofMinutes(1));
        sponsor("A", () -> assertReleasedOf(cohorts.countCohort(definition, Optional.empty()).count(), "total",
                QUALIFYING));

        StudyId study = approvedStudy("B", definition);
        sponsor("B", () -> assertReleasedOf(studies.invite(study), "invited:" + study.value(), QUALIFYING));
        Set<UUID> invited = new HashSet<>(jdbc.sql("select patient_id from research_invitation where study_id = :s")
                .param("s", study.value()).query(UUID.class).list());
        assertThat(invited).containsExactlyInAnyOrderElementsOf(counted.stream().map(PatientId::value).toList());
    }

    // ------------------------------------------------------------------ research: post-market

    @Test
    void postMarket_countsNoExcludedPrescriptionOrLabResult() {
        String drug = "3999009F1";
        LocalDate first = LocalDate.now().minusDays(60);
        for (int i = 0; i < QUALIFYING; i++) {
            patient(Sex.MALE, Optional.empty(), List.of(countable(drug(drug, first)), countable(alt("200", first.plusDays(10)))));
        }
        // Exposed without the signal: as many again, so that the exposed without it are no group of 1–10.
        for (int i = 0; i < QUALIFYING; i++) {
            patient(Sex.MALE, Optional.empty(), List.of(countable(drug(drug, first)), countable(alt("20", first.plusDays(10)))));
        }
        List<PatientId> excluded = new ArrayList<>();
        for (Excluded how : List.of(Excluded.SENSITIVE_LABEL, Excluded.UNDISCLOSED)) {
            // Exposed only through an excluded prescription: not exposed at all.
            excluded.add(patient(Sex.MALE, Optional.empty(), List.of(excluded(drug(drug, first), how),
                    countable(alt("200", first.plusDays(10))))));
            // Exposed, with the signal only in an excluded result: exposed without the signal.
            patient(Sex.MALE, Optional.empty(), List.of(countable(drug(drug, first)),
                    excluded(alt("200", first.plusDays(10)), how)));
        }
        List<PatientId> exposed = new ArrayList<>();
        facts.exposures(drug, List.of(ALT), 3, 30, (p, day, before, after) -> exposed.add(p));
        assertThat(exposed).hasSize(2 * QUALIFYING + 2).doesNotContainAnyElementsOf(excluded);

        sponsor("C", () -> {
            PostMarket.Analysis analysis = postMarket.analyse(drug, SafetySignal.ALT_ABOVE_3X_ULN, 30);
            assertReleasedOf(analysis.exposed(), "safety:exposed", 2 * QUALIFYING + 2);
            assertReleasedOf(analysis.after(), "safety:after", QUALIFYING);
        });
    }

    // ------------------------------------------------------------------ insights: dashboard, benefit pages, sustainability

    @Test
    void publicDashboard_countsNoExcludedStayOrPositiveTest() {
        OrganisationId hospital = hospital();
        LocalDate today = JapanTime.dateOf(Instant.now());
        Instant admitted = Instant.now().minus(2, ChronoUnit.DAYS);
        Instant lastWeek = JapanTime.startOfDay(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(1).plusDays(2)).plus(10, ChronoUnit.HOURS);
        for (int i = 0; i < QUALIFYING; i++) {
            patient(Sex.FEMALE, Optional.of(hospital), List.of(countable(stay(admitted)), countable(positive(lastWeek))));
        }
        for (Excluded how : List.of(Excluded.SENSITIVE_LABEL, Excluded.UNDISCLOSED)) {
            patient(Sex.FEMALE, Optional.of(hospital), List.of(excluded(stay(admitted), how),
                    excluded(positive(lastWeek), how)));
        }
        assertThat(facts.inpatients(today, today)).hasSize(QUALIFYING);

        PublicFigures figures = TestFigures.computeNow(context);
        assertReleasedOf(figures.figure("resources.inpatients"), "public:resources.inpatients:" + today, QUALIFYING);
        assertReleasedOf(figures.figure("resources.positivesLastWeek"), "public:resources.positives:"
                + figures.weeks().get(figures.weeks().size() - 2), QUALIFYING);
    }

    @Test
    void benefitPages_countNoExcludedAllergyOrDocument() {
        OrganisationId hospital = hospital();
        for (int i = 0; i < QUALIFYING; i++) {
            patient(Sex.FEMALE, Optional.of(hospital), List.of(countable(allergy()), countable(document())));
        }
        for (Excluded how : List.of(Excluded.SENSITIVE_LABEL, Excluded.UNDISCLOSED)) {
            patient(Sex.FEMALE, Optional.of(hospital), List.of(excluded(allergy(), how), excluded(document(), how)));
        }
        assertThat(facts.patientsWithDrugAllergies()).hasSize(QUALIFYING);
        assertThat(facts.documentsFromHospitals()).hasSize(QUALIFYING);

        PublicFigures figures = TestFigures.computeNow(context);
        assertReleasedOf(figures.figure("quality.allergyPatients"), "public:quality.allergyPatients", QUALIFYING);
        assertReleasedOf(figures.figure("quality.documents"), "public:quality.documents", QUALIFYING);
        assertReleasedOf(figures.figure("quality.documentPatients"), "public:quality.documentPatients", QUALIFYING);
    }

    @Test
    void sustainability_countsNoDuplicateMadeOfAnExcludedPrescriptionOrTest() {
        OrganisationId tokyo = hospital();
        OrganisationId osaka = hospital();
        LocalDate day = JapanTime.dateOf(Instant.now()).minusDays(40);
        for (int i = 0; i < QUALIFYING; i++) {
            PatientId p = patient(Sex.MALE, Optional.of(tokyo), List.of(countable(drug("2171022F1022", day)),
                    countable(ast(day))));
            add(p, Optional.of(osaka), List.of(countable(drug("2171022F2028", day.plusDays(10))),
                    countable(ast(day.plusDays(10)))));
        }
        for (Excluded how : List.of(Excluded.SENSITIVE_LABEL, Excluded.UNDISCLOSED)) {
            PatientId p = patient(Sex.MALE, Optional.of(tokyo), List.of(countable(drug("2171022F1022", day)),
                    countable(ast(day))));
            add(p, Optional.of(osaka), List.of(excluded(drug("2171022F2028", day.plusDays(10)), how),
                    excluded(ast(day.plusDays(10)), how)));
        }
        assertThat(facts.statisticalDuplicatePrescriptions(day)).hasSize(QUALIFYING);
        assertThat(facts.statisticalDuplicateTests(day)).hasSize(QUALIFYING);

        PublicFigures figures = TestFigures.computeNow(context);
        assertReleasedOf(figures.figure("sustainability.duplicatePrescriptions"),
                "public:sustainability.duplicatePrescriptions", QUALIFYING);
        assertReleasedOf(figures.figure("sustainability.duplicateTests"), "public:sustainability.duplicateTests",
                QUALIFYING);
        assertReleasedOf(figures.figure("sustainability.duplicatePatients"), "public:sustainability.duplicatePatients",
                QUALIFYING);
    }

    /**
     * The figure is what the release ledger says was released under this label, and the ledger's entry holds
     * exactly {@code people} patients: figures carry an adjustment, so the exact check is on whom they counted.
     */
    private void assertReleasedOf(Released figure, String label, int people) {
        Map.Entry<Long, RoaringBitmap> entry = jdbc.sql("""
                        select shown, members from research_release where label = :l and kind = 'EXACT'
                        order by seq desc limit 1""").param("l", label)
                .query((rs, row) -> Map.entry(rs.getLong(1), new org.roaringbitmap.buffer.ImmutableRoaringBitmap(
                        java.nio.ByteBuffer.wrap(rs.getBytes(2))).toRoaringBitmap())).single();
        assertThat(entry.getValue().getLongCardinality()).as("%s: the people it counted", label).isEqualTo(people);
        assertThat(figure.value()).as(label).hasValue(entry.getKey());
    }

    // ------------------------------------------------------------------ population

    private NewItem countable(ItemContent content) {
        return new NewItem(content, source(), false, List.of());
    }

    private NewItem excluded(ItemContent content, Excluded how) {
        return switch (how) {
            case SENSITIVE_LABEL -> new NewItem(content, source(), false, List.of(SensitiveLabel.MENTAL_HEALTH));
            case UNDISCLOSED -> new NewItem(content, source(), true, List.of());
            case REFUTED -> throw new IllegalArgumentException("only a diagnosis is refuted");
        };
    }

    /** A placeholder: {@link #add} gives each item the batch's sender and a key of its own. */
    private static Source source() {
        return new Source(Optional.empty(), "", Optional.empty(), Optional.empty());
    }

    /** A patient who allows trial recruitment (opt-in), with their items from themselves. */
    private PatientId trialPatient(List<NewItem> items) {
        PatientId patient = patient(Sex.FEMALE, Optional.empty(), items);
        TestActors.signIn("nc-" + run + "-" + serial, "患者", Role.PATIENT);
        try {
            consent.choose(Purpose.TRIAL_RECRUITMENT, true);
        } finally {
            TestActors.signOut();
        }
        return patient;
    }

    private PatientId patient(Sex sex, Optional<OrganisationId> from, List<NewItem> items) {
        String subject = "nc-" + run + "-" + (++serial);
        PatientId patient = SystemActor.call("test", () -> {
            PatientId p = directory.registerPatient(new PatientDetails(PersonName.of("数", "外" + serial, "カズ", "ソト"),
                    LocalDate.of(1970, 3, 3), sex, Optional.of(Prefecture.ofCode(13).orElseThrow()), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(new Identifier("urn:test:nc", subject))));
            directory.linkAccount(p, subject);
            return p;
        });
        add(patient, from, items);
        return patient;
    }

    private void add(PatientId patient, Optional<OrganisationId> from, List<NewItem> items) {
        String batch = "nc-" + run + "-" + UUID.randomUUID();
        List<NewItem> sent = new ArrayList<>();
        for (int n = 0; n < items.size(); n++) {
            NewItem item = items.get(n);
            sent.add(new NewItem(item.content(), new Source(from, "test|" + batch + "-" + n, Optional.empty(),
                    Optional.empty()), item.undisclosed(), item.sensitiveLabels()));
        }
        SystemActor.run("test", () -> records.store(new IncomingBatch(patient, from, "collection", Optional.empty(),
                batch, Optional.empty(), "test", sent)));
    }

    private OrganisationId hospital() {
        String code = "13" + ThreadLocalRandom.current().nextLong(10_000_000L, 100_000_000L);
        return SystemActor.call("test", () -> directory.organisation(new OrganisationDetails(OrganisationKind.HOSPITAL,
                "数外病院 " + code, Prefecture.ofCode(13), Optional.of(200), Identifier.medicalInstitution(code),
                Optional.empty(), Optional.empty())));
    }

    private StudyId approvedStudy(String sponsor, Criterion definition) {
        StudyId[] id = new StudyId[1];
        sponsor(sponsor, () -> id[0] = studies.register(new Study.Draft("数えない項目の研究", "説明", "東京中央病院",
                "03-0000-0000", definition)));
        TestActors.signIn("steward-nc-" + run, "管理者", Role.STEWARD);
        try {
            assertThat(studies.review(id[0], true, "")).isTrue();
        } finally {
            TestActors.signOut();
        }
        return id[0];
    }

    private void sponsor(String which, Runnable work) {
        TestSponsor.as(directory, "S-NC" + which + run, work);
    }

    private static Diagnosis diagnosis(String icd10, String verification) {
        return new Diagnosis("骨形成不全症", Optional.empty(), Optional.of(icd10), Optional.of("active"),
                Optional.of(verification), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Prescription drug(String yj, LocalDate start) {
        return new Prescription("試験薬錠", Optional.of(Code.of(Code.YJ, yj, "試験薬錠")), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(start), Optional.of(start.plusDays(27)),
                Optional.of("active"));
    }

    private static LabResult alt(String value, LocalDate day) {
        return new LabResult("ALT", Optional.of(Code.of(Code.JLAC10, ALT, "ALT")), Optional.of(new BigDecimal(value)),
                Optional.empty(), Optional.of("U/L"), Optional.of(new BigDecimal("10")), Optional.of(new BigDecimal("42")),
                Optional.empty(), Optional.of(at(day)));
    }

    private static LabResult ast(LocalDate day) {
        return new LabResult("AST", Optional.of(Code.of(Code.JLAC10, AST, "AST")), Optional.of(new BigDecimal("25")),
                Optional.empty(), Optional.of("U/L"), Optional.of(new BigDecimal("10")), Optional.of(new BigDecimal("40")),
                Optional.empty(), Optional.of(at(day)));
    }

    private static Encounter stay(Instant admitted) {
        return new Encounter(Encounter.EncounterClass.IMP, "in-progress", Optional.empty(), Optional.of(admitted),
                Optional.empty());
    }

    private static InfectionTest positive(Instant at) {
        return new InfectionTest("SARS-CoV-2 抗原", Optional.empty(), "陽性", Optional.of(true), Optional.of(at));
    }

    private static Allergy allergy() {
        return new Allergy("ペニシリン", Optional.empty(), Allergy.AllergyCategory.MEDICATION, Optional.of("allergy"),
                Optional.of("high"), Optional.of("active"), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static ClinicalDocument document() {
        return new ClinicalDocument(ClinicalDocument.DocumentType.REFERRAL_LETTER, "診療情報提供書", "final",
                Optional.of(Instant.now()), List.of());
    }

    private static Instant at(LocalDate day) {
        return day.atStartOfDay(JapanTime.ZONE).plus(10, ChronoUnit.HOURS).toInstant();
    }
}
