package jp.tsunagu.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jp.tsunagu.consent.MyConsent;
import jp.tsunagu.consent.Purpose;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.PatientDetails;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.directory.Sex;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.identity.TestActors;
import jp.tsunagu.record.Diagnosis;
import jp.tsunagu.record.IncomingBatch;
import jp.tsunagu.record.NewItem;
import jp.tsunagu.record.RecordService;
import jp.tsunagu.record.Source;
import jp.tsunagu.research.counting.CohortEngine;
import jp.tsunagu.research.counting.CohortIndexMaintenance;
import jp.tsunagu.research.counting.persistence.IndexStore;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shared.PersonName;
import jp.tsunagu.shared.Prefecture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Revocation, the daily budget and differencing, through the real paths: patients opt in and out on
 * their consent service (change events keep the index current), sponsors count through {@link Cohorts}.
 * Each test has its own diagnosis code prefix holder (a fresh sponsor and fresh patients).
 */
@SpringBootTest(properties = "tsunagu.research.daily-budget=6")
@ActiveProfiles("test")
class CohortPrivacyIT {

    @Autowired
    Cohorts cohorts;
    @Autowired
    CohortEngine engine;
    @Autowired
    CohortIndexMaintenance maintenance;
    @Autowired
    MyConsent consent;
    @Autowired
    Directory directory;
    @Autowired
    RecordService records;
    @Autowired
    IndexStore numbers;
    @Autowired
    JdbcClient jdbc;

    private String run;

    @BeforeEach
    void ready() throws Exception {
        maintenance.awaitIdle(Duration.ofMinutes(1));
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void signOut() {
        TestActors.signOut();
    }

    @Test
    void aPatientWhoRevokes_isGoneFromTheNextCount_withoutWaiting() {
        // The rare code is this test's own: Marfan syndrome, in a prefecture no other test uses.
        List<Person> people = optedIn(14, "Q87.4", Prefecture.TOTTORI);
        Criterion definition = new Criterion.All(List.of(new Criterion.Diagnosis("Q87.4"),
                new Criterion.LivesIn(Prefecture.TOTTORI)));
        Person leaving = people.getFirst();
        int number = numbers.numbers(List.of(leaving.id())).get(leaving.id());
        assertThat(engine.cohort(definition, Purpose.TRIAL_RECRUITMENT, today()).contains(number)).isTrue();
        Cohorts.Count first = asSponsor("S-A" + run, () -> cohorts.countCohort(definition, Optional.empty()));
        Figures.assertReleased(first.count(), 14);

        asPatient(leaving, () -> consent.choose(Purpose.TRIAL_RECRUITMENT, false));
        // The change is applied before the patient's request returns: the very next count excludes them,
        // with no waiting at all (so well within the 1 s the product allows).
        assertThat(engine.cohort(definition, Purpose.TRIAL_RECRUITMENT, today()).contains(number)).isFalse();

        // The same sponsor asking again would learn that one person left if told a new figure: the 13 are within
        // 10 of the 14, so the answer reads as the first figure, and says so (with its time).
        Cohorts.Count again = asSponsor("S-A" + run, () -> cohorts.countCohort(definition, Optional.empty()));
        assertThat(again.count()).isEqualTo(first.count());
        assertThat(again.sameAs()).hasValueSatisfying(same -> {
            assertThat(same.own()).isTrue();
            assertThat(same.at()).isPresent();
        });
        // Another sponsor gets the same: sponsors may pool their answers. Neither whose figure nor when.
        Cohorts.Count other = asSponsor("S-B" + run, () -> cohorts.countCohort(definition, Optional.empty()));
        assertThat(other.count()).isEqualTo(first.count());
        assertThat(other.sameAs()).hasValueSatisfying(same -> {
            assertThat(same.own()).isFalse();
            assertThat(same.at()).isEmpty();
        });
        // A rebuild from PostgreSQL agrees.
        maintenance.requestBuild();
        awaitIdle();
        assertThat(engine.cohort(definition, Purpose.TRIAL_RECRUITMENT, today()).getCardinality()).isEqualTo(13);
    }

    @Test
    void narrowingARecentQueryByAFewPeople_readsAsTheEarlierFigure_andTheLogSaysWhatWasReleased() {
        // Three of the twenty are men: "the women" told as a new figure would single those three out.
        optedIn(20, "E75.2", Prefecture.SHIMANE);
        Criterion everyone = new Criterion.All(List.of(new Criterion.Diagnosis("E75.2"),
                new Criterion.LivesIn(Prefecture.SHIMANE)));
        Criterion women = new Criterion.All(List.of(everyone, new Criterion.SexIs(Sex.FEMALE)));
        String sponsor = "S-C" + run;
        asSponsor(sponsor, () -> {
            Cohorts.Count all = cohorts.countCohort(everyone, Optional.empty());
            Figures.assertReleased(all.count(), 20);
            Cohorts.Count narrowed = cohorts.countCohort(women, Optional.empty());
            assertThat(narrowed.count()).as("17 women read as the 20").isEqualTo(all.count());
            assertThat(narrowed.sameAs()).isPresent();
            // A breakdown by sex of the same cohort hides the three men, the empty "other" (an empty cell
            // reads like a small one) and so the women too: hidden cells together are never 1–10.
            Cohorts.Breakdown bySex = cohorts.breakdown(everyone, Dimension.SEX, Optional.empty());
            assertThat(bySex.total()).isEqualTo(all.count());
            assertThat(bySex.cells()).containsOnlyKeys("male", "female", "other", "unknown");
            assertThat(bySex.cells().values()).noneMatch(Released::shown);
        });
        var logged = jdbc.sql("""
                        select q.outcome, q.definition, q.released from research_query q
                        join directory_organisation o on o.id = q.sponsor_id
                        where o.identifier_value = :code order by q.at""")
                .param("code", sponsor).query((rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
        assertThat(logged).hasSize(3);
        assertThat(logged.get(0).subList(0, 2)).containsExactly("RELEASED", CriteriaJson.definition(everyone));
        assertThat(logged.get(1)).containsExactly("RELEASED", CriteriaJson.definition(women), logged.get(0).get(2));
        assertThat(logged.get(2).get(2)).contains("\"male\":\"hidden\"", "\"female\":\"hidden\"")
                .contains(logged.get(0).get(2).substring(1, logged.get(0).get(2).length() - 1));
        // The ledger holds each figure with its people, value and the figure it read as.
        assertThat(jdbc.sql("""
                        select count(*) from research_release r join research_query q on q.id = r.query_id
                        join directory_organisation o on o.id = q.sponsor_id
                        where o.identifier_value = :code and r.same_as is not null""")
                .param("code", sponsor).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aCountNearNoEarlierFigure_carriesItsOwnAdjustment_andTheBreakdownsHiddenGroupIsInTheLedger() {
        // Wilson's disease: 20 women (5 in Tokyo), 7 men, 4 of other sex. A breakdown by sex shows the women
        // and hides men, others and the empty "unknown" (11 together). "Not women" (the same 11) is near no earlier
        // shown figure (the hidden group is no anchor): it gets its own adjustment, so "total minus women" and
        // "not women" never agree exactly.
        optedIn(31, "E83.0", i -> i < 20 ? Sex.FEMALE : i < 27 ? Sex.MALE : Sex.OTHER,
                i -> i < 5 ? Prefecture.TOKYO : Prefecture.YAMAGUCHI);
        Criterion wilson = new Criterion.Diagnosis("E83.0");
        asSponsor("S-E" + run, () -> {
            Cohorts.Breakdown bySex = cohorts.breakdown(wilson, Dimension.SEX, Optional.empty());
            Figures.assertReleased(bySex.total(), 31);
            Figures.assertReleased(bySex.cells().get("female"), 20);
            assertThat(bySex.cells().get("male").shown()).isFalse();
            assertThat(bySex.cells().get("other").shown()).isFalse();
            Criterion notWomen = new Criterion.All(List.of(wilson, new Criterion.Not(new Criterion.SexIs(Sex.FEMALE))));
            Cohorts.Count count = cohorts.countCohort(notWomen, Optional.empty());
            Figures.assertReleased(count.count(), 11);
            assertThat(count.sameAs()).isEmpty();
            assertThat(count.count().adjusted()).isTrue();
        });
        assertThat(jdbc.sql("""
                        select count(*) from research_release r join research_query q on q.id = r.query_id
                        join directory_organisation o on o.id = q.sponsor_id
                        where o.identifier_value = :code and r.kind = 'HIDDEN'""")
                .param("code", "S-E" + run).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void issue15_aBreakdownCellThenACountWithNot_teachesNothingAtTheSecondStep() {
        // The sequence of issue 15: hypertension by sex shows 女性 40; "hypertension AND female AND NOT Crohn's"
        // told as 39 would say that exactly one hypertensive woman has Crohn's disease. Here Crohn's disease is
        // that one woman's alone: a part of 1 person, so the question is refused before anything is counted
        // (what "Crohn's disease" alone would say: 10 or fewer).
        List<Person> people = optedIn(52, "I10", i -> i < 12 ? Sex.MALE : Sex.FEMALE, i -> Prefecture.SAGA);
        addDiagnosis(people.get(20), "K50");
        Criterion hypertension = new Criterion.All(List.of(new Criterion.Diagnosis("I10"),
                new Criterion.LivesIn(Prefecture.SAGA)));
        Criterion womenWithoutCrohn = new Criterion.All(List.of(hypertension, new Criterion.SexIs(Sex.FEMALE),
                new Criterion.Not(new Criterion.Diagnosis("K50"))));
        Released female = asSponsor("S-G" + run, () -> {
            Cohorts.Breakdown bySex = cohorts.breakdown(hypertension, Dimension.SEX, Optional.empty());
            Figures.assertReleased(bySex.cells().get("female"), 40);
            assertThatThrownBy(() -> cohorts.countCohort(womenWithoutCrohn, Optional.empty()))
                    .isInstanceOfSatisfying(QueryRefusedException.class, e -> {
                        assertThat(e.key()).isEqualTo("research.refused.smallPart");
                        assertThat(e.part()).hasValue(new Criterion.Diagnosis("K50"));
                    });
            return bySex.cells().get("female");
        });
        // Eleven more people with Crohn's disease elsewhere make the part large enough; then the 39 women are
        // within 10 of the 40 and the count reads as the cell: the difference is 0, whoever has the disease.
        optedIn(11, "K50", i -> Sex.MALE, i -> Prefecture.AOMORI);
        Cohorts.Count count = asSponsor("S-G" + run, () -> cohorts.countCohort(womenWithoutCrohn, Optional.empty()));
        assertThat(count.count()).isEqualTo(female);
        assertThat(count.sameAs()).hasValueSatisfying(same -> assertThat(same.own()).isTrue());
        // An affiliated sponsor trying the second step gets the same figure, told only that it is an earlier one.
        Cohorts.Count pooled = asSponsor("S-H" + run, () -> cohorts.countCohort(womenWithoutCrohn, Optional.empty()));
        assertThat(pooled.count()).isEqualTo(female);
        assertThat(pooled.sameAs()).hasValueSatisfying(same -> assertThat(same.at()).isEmpty());
        // The refusal is in the log as such.
        assertThat(jdbc.sql("""
                        select count(*) from research_query q join directory_organisation o on o.id = q.sponsor_id
                        where o.identifier_value = :code and q.outcome = 'REFUSED_SMALL_PART'""")
                .param("code", "S-G" + run).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aBreakdownTellsNothingByItsShape_everyCategoryListed_emptyOnesLikeSmallOnes() {
        // Fifteen patients, all in one prefecture: a breakdown by prefecture must not say which one.
        optedIn(15, "E70.0", i -> i % 2 == 0 ? Sex.FEMALE : Sex.MALE, i -> Prefecture.FUKUI);
        asSponsor("S-I" + run, () -> {
            Cohorts.Breakdown byPrefecture = cohorts.breakdown(new Criterion.Diagnosis("E70.0"),
                    Dimension.PREFECTURE, Optional.empty());
            Figures.assertReleased(byPrefecture.total(), 15);
            assertThat(byPrefecture.cells()).hasSize(48);
            assertThat(byPrefecture.cells().values()).as("Fukui and the empty ones read alike")
                    .allMatch(r -> !r.shown() && r.complementary());
        });
        // Seven patients: no breakdown at all, only "10 or fewer".
        optedIn(7, "E72.0", i -> Sex.FEMALE, i -> Prefecture.FUKUI);
        asSponsor("S-J" + run, () -> {
            Cohorts.Breakdown small = cohorts.breakdown(new Criterion.Diagnosis("E72.0"), Dimension.AGE_BAND,
                    Optional.empty());
            assertThat(small.total().shown()).isFalse();
            assertThat(small.cells()).isEmpty();
        });
    }

    @Test
    void theDailyBudget_refusesTheNextQuery_saysWhen_andCountsNoRefusal() {
        String sponsor = "S-D" + run;
        asSponsor(sponsor, () -> {
            for (int i = 0; i < 6; i++) {
                int min = 10 * i;
                // Disjoint age bands, each a single criterion (no part to be too small).
                cohorts.countCohort(new Criterion.Age(min, min + 9), Optional.empty());
            }
            assertThat(cohorts.remainingToday()).isZero();
            assertThatThrownBy(() -> cohorts.countCohort(new Criterion.Diagnosis("Q87.4"), Optional.empty()))
                    .isInstanceOfSatisfying(QueryRefusedException.class, e -> {
                        assertThat(e.key()).isEqualTo("research.refused.budget");
                        assertThat(e.arguments()).containsExactly(6);
                    });
        });
        assertThat(jdbc.sql("""
                        select count(*) from research_query q join directory_organisation o on o.id = q.sponsor_id
                        where o.identifier_value = :code and q.outcome = 'REFUSED_BUDGET'""")
                .param("code", sponsor).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aClinicianOrAPatient_cannotCount() {
        TestActors.signInAt("dr-" + run, "医師", Role.CLINICIAN, "1310000001");
        assertThatThrownBy(() -> cohorts.countCohort(new Criterion.Diagnosis("M32"), Optional.empty()))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        TestActors.signIn("p-" + run, "患者", Role.PATIENT);
        assertThatThrownBy(() -> cohorts.countCohort(new Criterion.Diagnosis("M32"), Optional.empty()))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    record Person(PatientId id, String subject, Sex sex) {
    }

    /** Patients with the diagnosis who opt in to trial recruitment on their own consent service; 3 men. */
    /** Numbers the test's patients, so that one test may add people twice. */
    private int serial;

    private List<Person> optedIn(int count, String icd10, Prefecture prefecture) {
        return optedIn(count, icd10, i -> i < 3 ? Sex.MALE : Sex.FEMALE, i -> prefecture);
    }

    private List<Person> optedIn(int count, String icd10, java.util.function.IntFunction<Sex> sexOf,
            java.util.function.IntFunction<Prefecture> prefectureOf) {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Sex sex = sexOf.apply(i);
            Prefecture prefecture = prefectureOf.apply(i);
            String subject = "p-" + run + "-" + serial++;
            String given = "太郎" + i;
            PatientId id = SystemActor.call("test", () -> {
                PatientId p = directory.registerPatient(new PatientDetails(PersonName.of("研究", given, "ケンキュウ",
                        "タロウ"), LocalDate.of(1970 + ThreadLocalRandom.current().nextInt(30), 3, 3), sex,
                        Optional.of(prefecture), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        List.of(new Identifier("urn:test:research", subject))));
                directory.linkAccount(p, subject);
                records.store(new IncomingBatch(p, Optional.empty(), "collection", Optional.empty(), subject,
                        Optional.empty(), "test", List.of(new NewItem(new Diagnosis("希少疾患", Optional.empty(),
                                Optional.of(icd10), Optional.of("active"), Optional.empty(), Optional.empty(),
                                Optional.empty(), Optional.empty()), new Source(Optional.empty(), "test|" + subject,
                                Optional.empty(), Optional.empty()), false, List.of()))));
                return p;
            });
            Person person = new Person(id, subject, sex);
            asPatient(person, () -> consent.choose(Purpose.TRIAL_RECRUITMENT, true));
            people.add(person);
        }
        return people;
    }

    /** One more diagnosis in the person's record, as a hospital would send it. */
    private void addDiagnosis(Person person, String icd10) {
        SystemActor.run("test", () -> records.store(new IncomingBatch(person.id(), Optional.empty(), "collection",
                Optional.empty(), person.subject() + "-" + icd10, Optional.empty(), "test", List.of(new NewItem(
                        new Diagnosis("追加の病名", Optional.empty(), Optional.of(icd10), Optional.of("active"),
                                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                        new Source(Optional.empty(), "test|" + person.subject() + "|" + icd10, Optional.empty(),
                                Optional.empty()), false, List.of())))));
    }

    private void asPatient(Person person, Runnable work) {
        TestActors.signIn(person.subject(), "患者", Role.PATIENT);
        try {
            work.run();
        } finally {
            TestActors.signOut();
        }
    }

    private void asSponsor(String code, Runnable work) {
        TestSponsor.as(directory, code, work);
    }

    private <T> T asSponsor(String code, java.util.function.Supplier<T> work) {
        var result = new java.util.concurrent.atomic.AtomicReference<T>();
        TestSponsor.as(directory, code, () -> result.set(work.get()));
        return result.get();
    }

    private void awaitIdle() {
        try {
            maintenance.awaitIdle(Duration.ofMinutes(1));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static LocalDate today() {
        return JapanTime.dateOf(Instant.now());
    }
}
