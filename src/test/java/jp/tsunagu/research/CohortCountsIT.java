package jp.tsunagu.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import jp.tsunagu.consent.Purpose;
import jp.tsunagu.consent.PurposeConsents;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.identity.TestActors;
import jp.tsunagu.record.Code;
import jp.tsunagu.record.Diagnosis;
import jp.tsunagu.record.IncomingBatch;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.NewItem;
import jp.tsunagu.record.Prescription;
import jp.tsunagu.record.RecordService;
import jp.tsunagu.record.SensitiveLabel;
import jp.tsunagu.record.Source;
import jp.tsunagu.research.counting.CohortEngine;
import jp.tsunagu.research.counting.CohortIndexMaintenance;
import jp.tsunagu.research.counting.persistence.IndexStore;
import jp.tsunagu.research.release.ReleaseLedger;
import jp.tsunagu.shared.JapanTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The engine against a plain SQL oracle on a generated population with random consents, and the privacy
 * floor on everything released: property tests with fixed seeds (a failure names its seed and query).
 */
@SpringBootTest(properties = {"tsunagu.demo.population.patients=400", "tsunagu.demo.population.seed=7",
        "tsunagu.research.daily-budget=100000"})
@ActiveProfiles("test")
class CohortCountsIT {

    private static final int PATIENTS = 402;
    private static boolean prepared;

    @Autowired
    CohortEngine engine;
    @Autowired
    CohortIndexMaintenance maintenance;
    @Autowired
    Cohorts cohorts;
    @Autowired
    PurposeConsents consents;
    @Autowired
    IndexStore numbers;
    @Autowired
    RecordService records;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReleaseLedger ledger;

    private Oracle oracle;

    @BeforeEach
    void aPopulationWithRandomConsents() throws Exception {
        oracle = new Oracle(jdbc, consents);
        if (prepared) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (jdbc.sql("select count(*) from directory_patient").query(Long.class).single() < PATIENTS
                || jdbc.sql("select count(*) from directory_organisation where kind = 'SPONSOR'").query(Long.class)
                        .single() < 1) {
            assertThat(System.nanoTime()).as("the population loads").isLessThan(deadline);
            Thread.sleep(200);
        }
        Thread.sleep(500);
        randomConsents(new Random(31));
        maintenance.requestBuild().get();
        maintenance.awaitIdle(Duration.ofMinutes(2));
        prepared = true;
    }

    @AfterEach
    void signOut() {
        TestActors.signOut();
    }

    @Test
    void engineCohorts_equalTheSqlOracle_onRandomDefinitions_beforeAndAfterRecordChanges_andAfterARebuild()
            throws Exception {
        LocalDate today = JapanTime.dateOf(Instant.now());
        RandomDefinitions definitions = new RandomDefinitions(101, engine.vocabulary());
        int nonEmpty = compare(definitions, 250, today);

        // Twenty patients get new items: the overlay answers for them until the next build.
        changeRecords(new Random(5), 20);
        assertThat(engine.overlaySize()).isEqualTo(20);
        nonEmpty += compare(new RandomDefinitions(202, engine.vocabulary()), 200, today);

        maintenance.requestBuild().get();
        maintenance.awaitIdle(Duration.ofMinutes(1));
        assertThat(engine.overlaySize()).isZero();
        nonEmpty += compare(new RandomDefinitions(303, engine.vocabulary()), 150, today);
        // The properties were tested on cohorts that hold people, not only on empty ones.
        assertThat(nonEmpty).isGreaterThan(150);
    }

    /**
     * Property over 200 random queries, half of them narrowing the one before by one criterion: every figure
     * is 0, "10 or fewer" for 1–10, or shown; a shown figure either carries exactly its own adjustment (computed
     * here with the deployment's key from the true set) or, when its people are within 10 of an earlier shown
     * figure's on both sides, reads exactly as one of those earlier figures; a breakdown's hidden cells are
     * never 1–10 together.
     */
    @Test
    void everyReleasedFigure_isItsOwnAdjustedCount_orAnEarlierFigureWhosePeopleItIsNear() {
        TestActors.signInAt("sponsor-prop", "試験 依頼者", Role.SPONSOR, "S-0001");
        LocalDate today = JapanTime.dateOf(Instant.now());
        RandomDefinitions definitions = new RandomDefinitions(404, engine.vocabulary());
        Random random = new Random(9);
        List<Map.Entry<Set<UUID>, Long>> shown = new ArrayList<>();
        int sameAsEarlier = 0;
        int own = 0;
        int smallParts = 0;
        int shownSmall = 0;
        for (int i = 0; i < 200; i++) {
            // Half the queries narrow a recent one by one criterion: the differencing attack.
            Criterion definition = i % 2 == 1 ? narrowed(definitions, random) : definitions.next();
            last = definition;
            Set<UUID> truth = oracle.cohort(definition, Purpose.TRIAL_RECRUITMENT, today);
            try {
                if (random.nextInt(3) == 0) {
                    Dimension dimension = Dimension.values()[random.nextInt(Dimension.values().length)];
                    Cohorts.Breakdown b = cohorts.breakdown(definition, dimension, Optional.empty());
                    long hiddenSum = 0;
                    boolean anyHidden = false;
                    for (var cell : b.cells().entrySet()) {
                        Set<UUID> cellTruth = cell(truth, dimension, cell.getKey(), today);
                        if (cell.getValue().shown() && !cellTruth.isEmpty()) {
                            boolean near = b.cellsSameAsEarlier().contains(cell.getKey());
                            if (checkShown(cell.getValue(), cellTruth, near, shown)) {
                                sameAsEarlier++;
                            } else {
                                own++;
                            }
                        } else if (!cell.getValue().shown()) {
                            anyHidden = true;
                            hiddenSum += cellTruth.size();
                        }
                        assertNotSmall(cell.getValue().value().orElse(0), "cell");
                    }
                    if (truth.size() > 0 && truth.size() <= 10) {
                        assertThat(b.cells()).as("no breakdown of 1–10 people").isEmpty();
                    }
                    if (anyHidden && truth.size() > 10) {
                        assertThat(hiddenSum).as("hidden cells together").isGreaterThanOrEqualTo(11);
                    }
                    checkTotal(b.total(), truth, b.sameAs().isPresent(), shown);
                } else {
                    Cohorts.Count c = cohorts.countCohort(definition, Optional.empty());
                    if (checkTotal(c.count(), truth, c.sameAs().isPresent(), shown)) {
                        sameAsEarlier++;
                    } else if (c.count().shown() && !truth.isEmpty()) {
                        own++;
                    }
                }
                if (truth.size() > 0 && truth.size() <= 10) {
                    shownSmall++;
                }
            } catch (QueryRefusedException e) {
                // Only a part of 1–10 people refuses a question (a tracker); nothing else does.
                assertThat(e.key()).isEqualTo("research.refused.smallPart");
                assertThat(e.part()).isPresent();
                smallParts++;
            }
        }
        assertThat(smallParts).as("questions with a part of 1–10 people").isPositive();
        assertThat(sameAsEarlier).as("narrowed queries read as the figure they narrowed").isGreaterThan(1);
        assertThat(own).as("figures with their own adjustment").isGreaterThan(10);
        assertThat(shownSmall).as("small cohorts were asked about").isGreaterThan(5);
    }

    /** Checks a total; returns whether it read as an earlier figure. */
    private boolean checkTotal(Released figure, Set<UUID> truth, boolean near, List<Map.Entry<Set<UUID>, Long>> shown) {
        if (truth.size() <= 10) {
            // 0 too: an exact 0 would say that a known person is not in.
            assertThat(figure.shown()).isFalse();
            return false;
        }
        return checkShown(figure, truth, near, shown);
    }

    /**
     * A shown figure of these people: an earlier shown figure's value when it says so (and then the people are
     * within 10 of that figure's on both sides), else its own adjusted count, exactly.
     */
    private boolean checkShown(Released figure, Set<UUID> truth, boolean near,
            List<Map.Entry<Set<UUID>, Long>> shown) {
        long value = figure.value().orElseThrow();
        if (near) {
            // Any earlier figure in the ledger (this test's or another's) with this value and nearly these people.
            RoaringBitmap people = bitmap(truth);
            List<Map.Entry<Long, RoaringBitmap>> earlier = jdbc.sql("""
                            select shown, members from research_release
                            where kind = 'EXACT' and same_as is null and shown is not null""")
                    .query((rs, row) -> Map.entry(rs.getLong(1), bitmap(rs.getBytes(2)))).list();
            assertThat(earlier).as("an earlier figure of nearly the same people, with this value")
                    .anyMatch(e -> e.getKey() == value && RoaringBitmap.andNotCardinality(people, e.getValue()) <= 10
                            && RoaringBitmap.andNotCardinality(e.getValue(), people) <= 10);
        } else {
            assertThat(figure).isEqualTo(ownFigure(truth));
            shown.add(Map.entry(truth, value));
        }
        return near;
    }

    /** The figure these people get with the deployment's adjustment. */
    private Released ownFigure(Set<UUID> people) {
        return ledger.perturbation().release(bitmap(people));
    }

    private RoaringBitmap bitmap(Set<UUID> people) {
        RoaringBitmap members = new RoaringBitmap();
        numbers.numbers(people.stream().map(PatientId::new).toList()).values().forEach(members::add);
        return members;
    }

    private static RoaringBitmap bitmap(byte[] serialized) {
        return new org.roaringbitmap.buffer.ImmutableRoaringBitmap(java.nio.ByteBuffer.wrap(serialized))
                .toRoaringBitmap();
    }

    private Criterion last = new Criterion.SexIs(jp.tsunagu.directory.Sex.FEMALE);

    /** The last definition with one more narrow criterion ANDed to it. */
    private Criterion narrowed(RandomDefinitions definitions, Random random) {
        Criterion extra = random.nextBoolean() ? new Criterion.Not(definitions.leaf()) : definitions.leaf();
        return new Criterion.All(List.of(last, extra));
    }

    @Test
    void aBadDefinition_isRefusedWithAMessage_andNothingIsLogged() {
        TestActors.signInAt("sponsor-bad", "試験 依頼者", Role.SPONSOR, "S-0001");
        long before = jdbc.sql("select count(*) from research_query").query(Long.class).single();
        Vocabulary.LabTerm alt = engine.vocabulary().labs().stream()
                .filter(l -> l.highestUpperLimit().isPresent()).findFirst().orElseThrow();
        // A threshold inside the reference range: the index cannot answer it exactly, so it is refused.
        BigDecimal inside = alt.highestUpperLimit().get().subtract(BigDecimal.ONE);
        assertThatThrownBy(() -> cohorts.countCohort(new Criterion.Lab(alt.code(), Criterion.Comparison.GREATER,
                inside, 6), Optional.empty()))
                .isInstanceOfSatisfying(InvalidCriteriaException.class, e -> {
                    assertThat(e.key()).isEqualTo("research.error.labAbove");
                    assertThat(e.arguments()).containsExactly(alt.highestUpperLimit().get().toPlainString());
                });
        assertThatThrownBy(() -> new Criterion.Diagnosis("全身性")).isInstanceOf(InvalidCriteriaException.class);
        assertThatThrownBy(() -> new Criterion.Age(50, 20)).isInstanceOf(InvalidCriteriaException.class);
        assertThat(jdbc.sql("select count(*) from research_query").query(Long.class).single()).isEqualTo(before);
    }

    private static void assertNotSmall(long value, String what) {
        assertThat(value).as(what + " is 0 or at least 11").matches(v -> v == 0 || v > 10);
    }

    private static void check(Released figure, int truth) {
        Figures.assertReleased(figure, truth);
    }

    private Set<UUID> cell(Set<UUID> cohort, Dimension dimension, String key, LocalDate today) {
        if (cohort.isEmpty()) {
            return Set.of();
        }
        String condition = switch (dimension) {
            case PREFECTURE -> "coalesce(prefecture, 0) = " + Integer.parseInt(key);
            case SEX -> "sex = '" + key + "'";
            case AGE_BAND -> Integer.parseInt(key) == 90
                    ? "extract(year from age(cast(:today as date), birth_date)) >= 90"
                    : "extract(year from age(cast(:today as date), birth_date)) between " + key + " and "
                            + (Integer.parseInt(key) + 9);
        };
        return new HashSet<>(jdbc.sql("select id from directory_patient where id = any(:ids) and " + condition)
                .param("ids", cohort.toArray(UUID[]::new)).param("today", today).query(UUID.class).list());
    }

    private static int minus(Set<UUID> a, Set<UUID> b) {
        Set<UUID> d = new HashSet<>(a);
        d.removeAll(b);
        return d.size();
    }

    private int compare(RandomDefinitions definitions, int queries, LocalDate today) {
        int nonEmpty = 0;
        for (int i = 0; i < queries; i++) {
            Criterion definition = definitions.next();
            Set<UUID> expected = oracle.cohort(definition, Purpose.TRIAL_RECRUITMENT, today);
            RoaringBitmap actual = engine.cohort(definition, Purpose.TRIAL_RECRUITMENT, today);
            Map<Integer, PatientId> ids = numbers.patients(actual.toArray());
            Set<UUID> actualIds = new HashSet<>();
            ids.values().forEach(id -> actualIds.add(id.value()));
            assertThat(actualIds).as("query %d: %s", i, CriteriaJson.definition(definition))
                    .hasSize(actual.getCardinality())
                    .containsExactlyInAnyOrderElementsOf(expected);
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        return nonEmpty;
    }

    /**
     * Trial recruitment opt-ins for about 60 % (some for diagnoses only, some expired, some revoked),
     * post-market opt-outs for about 10 %, written to the ledger as the consent screens would.
     */
    private void randomConsents(Random random) {
        List<UUID> patients = jdbc.sql("select id from directory_patient order by id").query(UUID.class).list();
        Instant now = Instant.now();
        for (UUID patient : patients) {
            int roll = random.nextInt(100);
            if (roll < 45) {
                directive(patient, "TRIAL_RECRUITMENT", "PERMIT", all(), now.minusSeconds(86_400), null, "ACTIVE", 1);
            } else if (roll < 52) {
                directive(patient, "TRIAL_RECRUITMENT", "PERMIT", new String[] {"DIAGNOSIS"}, now.minusSeconds(86_400),
                        null, "ACTIVE", 1);
            } else if (roll < 57) {
                directive(patient, "TRIAL_RECRUITMENT", "PERMIT", all(), now.minusSeconds(864_000),
                        now.minusSeconds(3_600), "ACTIVE", 1);
            } else if (roll < 62) {
                UUID directive = directive(patient, "TRIAL_RECRUITMENT", "PERMIT", all(), now.minusSeconds(864_000),
                        null, "ACTIVE", 1);
                version(directive, patient, "TRIAL_RECRUITMENT", "PERMIT", all(), now.minusSeconds(864_000), 2);
            }
            if (random.nextInt(10) == 0) {
                directive(patient, "POST_MARKET", "DENY", all(), now.minusSeconds(86_400), null, "ACTIVE", 1);
            }
        }
    }

    private static String[] all() {
        return jp.tsunagu.consent.ConsentCategories.SHAREABLE.stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    private UUID directive(UUID patient, String purpose, String effect, String[] categories, Instant from,
            Instant until, String status, int version) {
        UUID directive = UUID.randomUUID();
        insert(directive, patient, purpose, effect, categories, from, until, status, version);
        return directive;
    }

    private void version(UUID directive, UUID patient, String purpose, String effect, String[] categories,
            Instant from, int version) {
        insert(directive, patient, purpose, effect, categories, from, null, "REVOKED", version);
    }

    private void insert(UUID directive, UUID patient, String purpose, String effect, String[] categories, Instant from,
            Instant until, String status, int version) {
        jdbc.sql("""
                        insert into consent_directive (id, directive_id, version, patient_id, purpose, effect,
                            grantee_kind, categories, excluded_labels, valid_from, valid_until, status, recorded_at,
                            recorded_by)
                        values (:id, :d, :v, :p, :purpose, :effect, 'AUDIENCE', :c, '{}', :from, :until, :status, now(),
                            'test')""")
                .param("id", UUID.randomUUID()).param("d", directive).param("v", version).param("p", patient)
                .param("purpose", purpose).param("effect", effect).param("c", categories)
                .param("from", Timestamp.from(from)).param("until", until == null ? null : Timestamp.from(until))
                .param("status", status).update();
    }

    /** New diagnoses, prescriptions and labs (one labelled, one 未告知) for random patients, through the record. */
    private void changeRecords(Random random, int count) {
        List<UUID> patients = jdbc.sql("select id from directory_patient order by id").query(UUID.class).list();
        Vocabulary vocabulary = engine.vocabulary();
        Set<UUID> chosen = new HashSet<>();
        while (chosen.size() < count) {
            chosen.add(patients.get(random.nextInt(patients.size())));
        }
        for (UUID id : chosen) {
            String run = UUID.randomUUID().toString();
            Vocabulary.Term dx = vocabulary.diagnoses().get(random.nextInt(vocabulary.diagnoses().size()));
            Vocabulary.Term rx = vocabulary.drugs().get(random.nextInt(vocabulary.drugs().size()));
            Vocabulary.LabTerm lab = vocabulary.labs().get(random.nextInt(vocabulary.labs().size()));
            BigDecimal value = lab.highestUpperLimit().orElse(BigDecimal.valueOf(50)).multiply(BigDecimal.valueOf(4));
            SystemActor.run("test", () -> records.store(new IncomingBatch(new PatientId(id), Optional.empty(),
                    "collection", Optional.empty(), run, Optional.empty(), "test", List.of(
                            item(run + "-dx", new Diagnosis(dx.name(), Optional.empty(), Optional.of(dx.code()),
                                    Optional.of("active"), Optional.empty(), Optional.empty(), Optional.empty(),
                                    Optional.empty()), false, List.of()),
                            item(run + "-dx-hidden", new Diagnosis("膵癌", Optional.empty(), Optional.of("C25.9"),
                                    Optional.of("active"), Optional.empty(), Optional.empty(), Optional.empty(),
                                    Optional.empty()), true, List.of()),
                            item(run + "-dx-label", new Diagnosis("うつ病", Optional.empty(), Optional.of("F32.9"),
                                    Optional.of("active"), Optional.empty(), Optional.empty(), Optional.empty(),
                                    Optional.empty()), false, List.of(SensitiveLabel.MENTAL_HEALTH)),
                            item(run + "-rx", new Prescription(rx.name(), Optional.of(Code.of(Code.YJ, rx.code(),
                                    rx.name())), Optional.empty(), Optional.empty(), Optional.empty(),
                                    Optional.of(LocalDate.now()), Optional.empty(), Optional.empty()), false,
                                    List.of()),
                            item(run + "-lab", new LabResult(lab.name(), Optional.of(Code.of(Code.JLAC10, lab.code(),
                                    lab.name())), Optional.of(value), Optional.empty(), Optional.of(lab.unit()),
                                    lab.lowestLowerLimit(), lab.highestUpperLimit(), Optional.of("H"),
                                    Optional.of(Instant.now())), false, List.of())))));
        }
    }

    private static NewItem item(String key, jp.tsunagu.record.ItemContent content, boolean undisclosed,
            List<SensitiveLabel> labels) {
        return new NewItem(content, new Source(Optional.empty(), "test|" + key, Optional.empty(), Optional.empty()),
                undisclosed, labels);
    }
}
