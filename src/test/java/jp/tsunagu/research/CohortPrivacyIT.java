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
import jp.tsunagu.research.persistence.IndexStore;
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
        asSponsor("S-A" + run, () -> assertThat(cohorts.countCohort(definition, Optional.empty()).count().value())
                .hasValue(14));

        asPatient(leaving, () -> consent.choose(Purpose.TRIAL_RECRUITMENT, false));
        // The change is applied before the patient's request returns: the very next count excludes them,
        // with no waiting at all (so well within the 1 s the product allows).
        assertThat(engine.cohort(definition, Purpose.TRIAL_RECRUITMENT, today()).contains(number)).isFalse();

        // The same sponsor asking again would learn that one person left: refused, and it says why.
        asSponsor("S-A" + run, () -> assertThatThrownBy(() -> cohorts.countCohort(definition, Optional.empty()))
                .isInstanceOfSatisfying(QueryRefusedException.class,
                        e -> assertThat(e.key()).isEqualTo("research.refused.sameQuery")));
        // Another sponsor, with no earlier figure to subtract from, is told 13.
        asSponsor("S-B" + run, () -> assertThat(cohorts.countCohort(definition, Optional.empty()).count().value())
                .hasValue(13));
        // A rebuild from PostgreSQL agrees.
        maintenance.requestBuild();
        awaitIdle();
        assertThat(engine.cohort(definition, Purpose.TRIAL_RECRUITMENT, today()).getCardinality()).isEqualTo(13);
    }

    @Test
    void narrowingARecentQueryByAFewPeople_isRefused_andTheRefusalIsLoggedWithItsDefinition() {
        // Three of the twenty are men: "the women" would single those three out by subtraction.
        optedIn(20, "E75.2", Prefecture.SHIMANE);
        Criterion everyone = new Criterion.All(List.of(new Criterion.Diagnosis("E75.2"),
                new Criterion.LivesIn(Prefecture.SHIMANE)));
        Criterion women = new Criterion.All(List.of(everyone, new Criterion.SexIs(Sex.FEMALE)));
        String sponsor = "S-C" + run;
        asSponsor(sponsor, () -> {
            assertThat(cohorts.countCohort(everyone, Optional.empty()).count().value()).hasValue(20);
            assertThatThrownBy(() -> cohorts.countCohort(women, Optional.empty()))
                    .isInstanceOfSatisfying(QueryRefusedException.class, e -> {
                        assertThat(e.key()).isEqualTo("research.refused.differencing");
                        assertThat(e.arguments()).hasSize(1);
                    });
            // A breakdown by sex of the same cohort hides the three men and one more cell.
            Cohorts.Breakdown bySex = cohorts.breakdown(everyone, Dimension.SEX, Optional.empty());
            assertThat(bySex.total().value()).hasValue(20);
            assertThat(bySex.cells().get("male").shown()).isFalse();
            assertThat(bySex.cells().get("female").shown()).isFalse();
            assertThat(bySex.cells().get("other").value()).hasValue(0);
        });
        var logged = jdbc.sql("""
                        select q.outcome, q.definition, q.released from research_query q
                        join directory_organisation o on o.id = q.sponsor_id
                        where o.identifier_value = :code order by q.at""")
                .param("code", sponsor).query((rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
        assertThat(logged).hasSize(3);
        assertThat(logged.get(0)).containsExactly("RELEASED", CriteriaJson.definition(everyone), "{\"total\":\"20\"}");
        assertThat(logged.get(1)).containsExactly("REFUSED_DIFFERENCING", CriteriaJson.definition(women), "{}");
        assertThat(logged.get(2).get(2)).contains("\"male\":\"hidden\"", "\"female\":\"hidden\"", "\"total\":\"20\"");
    }

    @Test
    void aCountThatWouldCutTheGroupABreakdownHid_intoAFewPeople_isRefused() {
        // Wilson's disease: 20 women (5 in Tokyo), 7 men, 4 of other sex. A breakdown by sex shows the women
        // and hides men and others (11 together); "men or Tokyo" (12) would then tell the men were 7.
        optedIn(31, "E83.0", i -> i < 20 ? Sex.FEMALE : i < 27 ? Sex.MALE : Sex.OTHER,
                i -> i < 5 ? Prefecture.TOKYO : Prefecture.YAMAGUCHI);
        Criterion wilson = new Criterion.Diagnosis("E83.0");
        asSponsor("S-E" + run, () -> {
            Cohorts.Breakdown bySex = cohorts.breakdown(wilson, Dimension.SEX, Optional.empty());
            assertThat(bySex.total().value()).hasValue(31);
            assertThat(bySex.cells().get("female").value()).hasValue(20);
            assertThat(bySex.cells().get("male").shown()).isFalse();
            assertThat(bySex.cells().get("other").shown()).isFalse();
            Criterion menOrTokyo = new Criterion.All(List.of(wilson, new Criterion.Any(List.of(
                    new Criterion.SexIs(Sex.MALE), new Criterion.LivesIn(Prefecture.TOKYO)))));
            assertThatThrownBy(() -> cohorts.countCohort(menOrTokyo, Optional.empty()))
                    .isInstanceOfSatisfying(QueryRefusedException.class,
                            e -> assertThat(e.key()).isEqualTo("research.refused.differencing"));
        });
        // Another sponsor, who saw no breakdown, may have it.
        asSponsor("S-F" + run, () -> assertThat(cohorts.countCohort(new Criterion.All(List.of(wilson,
                new Criterion.Any(List.of(new Criterion.SexIs(Sex.MALE), new Criterion.LivesIn(Prefecture.TOKYO))))),
                Optional.empty()).count().value()).hasValue(12));
    }

    @Test
    void theDailyBudget_refusesTheNextQuery_saysWhen_andCountsNoRefusal() {
        String sponsor = "S-D" + run;
        asSponsor(sponsor, () -> {
            for (int i = 0; i < 6; i++) {
                int min = 10 * i;
                // Disjoint age bands: none is a narrowing of another.
                cohorts.countCohort(new Criterion.All(List.of(new Criterion.Diagnosis("Q87.4"),
                        new Criterion.Age(min, min + 9))), Optional.empty());
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
    private List<Person> optedIn(int count, String icd10, Prefecture prefecture) {
        return optedIn(count, icd10, i -> i < 3 ? Sex.MALE : Sex.FEMALE, i -> prefecture);
    }

    private List<Person> optedIn(int count, String icd10, java.util.function.IntFunction<Sex> sexOf,
            java.util.function.IntFunction<Prefecture> prefectureOf) {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Sex sex = sexOf.apply(i);
            Prefecture prefecture = prefectureOf.apply(i);
            String subject = "p-" + run + "-" + i;
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
