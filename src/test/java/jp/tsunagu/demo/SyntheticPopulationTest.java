package jp.tsunagu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.record.Allergy;
import jp.tsunagu.record.ClinicalDocument;
import jp.tsunagu.record.Code;
import jp.tsunagu.record.Diagnosis;
import jp.tsunagu.record.Encounter;
import jp.tsunagu.record.InfectionTest;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.Prescription;
import jp.tsunagu.record.SensitiveLabel;
import jp.tsunagu.record.SourceKeys;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shared.Prefecture;
import org.junit.jupiter.api.Test;

/** The synthetic population: deterministic, Japanese, and medically plausible enough to demonstrate with. */
class SyntheticPopulationTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);
    private static final SyntheticPopulation POPULATION = new SyntheticPopulation(7, TODAY);
    private static final List<SyntheticPatient> SAMPLE = IntStream.rangeClosed(1, 4000)
            .mapToObj(POPULATION::patient).toList();

    private static final Pattern KANJI_NAME = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}々ヶ]+");
    private static final Pattern KATAKANA = Pattern.compile("[\\p{IsKatakana}ー]+");

    @Test
    void sameSeedAndDay_giveTheSamePopulation_inAnyOrder() {
        SyntheticPopulation again = new SyntheticPopulation(7, TODAY);
        assertThat(again.organisations()).isEqualTo(POPULATION.organisations());
        // Backwards and skipping: a patient does not depend on who was generated before.
        for (int n = 300; n >= 1; n -= 7) {
            assertThat(again.patient(n)).isEqualTo(SAMPLE.get(n - 1));
        }
        assertThat(again.demoPatients()).isEqualTo(POPULATION.demoPatients());
    }

    @Test
    void anotherSeed_givesOtherPeople() {
        SyntheticPopulation other = new SyntheticPopulation(8, TODAY);
        long same = IntStream.rangeClosed(1, 50)
                .filter(n -> other.patient(n).details().equals(SAMPLE.get(n - 1).details())).count();
        assertThat(same).isZero();
    }

    @Test
    void everyPrefecture_hasSeveralHospitalsAndClinics_withValidCodes() {
        List<OrganisationDetails> organisations = POPULATION.organisations().stream()
                .filter(o -> o.kind() != OrganisationKind.SPONSOR).toList();
        Map<Prefecture, List<OrganisationDetails>> byPrefecture = organisations.stream()
                .collect(Collectors.groupingBy(o -> o.prefecture().orElseThrow()));
        assertThat(byPrefecture).hasSize(47);
        byPrefecture.forEach((prefecture, here) -> {
            assertThat(here.stream().filter(o -> o.kind() == OrganisationKind.HOSPITAL)).as(prefecture.name())
                    .hasSizeGreaterThanOrEqualTo(3);
            assertThat(here.stream().filter(o -> o.kind() == OrganisationKind.CLINIC)).as(prefecture.name())
                    .hasSizeGreaterThanOrEqualTo(2);
            here.forEach(o -> {
                assertThat(o.identifier().value()).matches("\\d{10}").startsWith(prefecture.twoDigitCode());
                assertThat(o.address().orElseThrow()).startsWith(prefecture.japaneseName());
                assertThat(o.phone().orElseThrow()).matches("0\\d{1,4}-0\\d{1,3}-\\d{4}");
            });
        });
        assertThat(byPrefecture.get(Prefecture.TOKYO)).hasSizeGreaterThan(byPrefecture.get(Prefecture.TOTTORI).size() * 5);
        assertThat(organisations).extracting(o -> o.identifier().value()).doesNotHaveDuplicates()
                .contains(SyntheticPopulation.TOKYO_CHUO_HOSPITAL, SyntheticPopulation.OSAKA_HOKUSO_HOSPITAL);
        assertThat(organisations).extracting(OrganisationDetails::name).contains("東京中央病院", "大阪北総合病院")
                .anyMatch(name -> name.endsWith("県立中央病院")).anyMatch(name -> name.endsWith("市立病院"))
                .anyMatch(name -> name.endsWith("クリニック"));
        organisations.forEach(o -> assertThat(o.licensedBeds().orElseThrow())
                .isBetween(o.kind() == OrganisationKind.HOSPITAL ? 20 : 0, o.kind() == OrganisationKind.HOSPITAL ? 1000 : 0));
    }

    @Test
    void names_areJapanese_inKanjiWithKatakanaReadings() {
        for (SyntheticPatient patient : SAMPLE) {
            var name = patient.details().name();
            assertThat(name.family()).matches(KANJI_NAME);
            assertThat(name.given()).matches(KANJI_NAME);
            assertThat(name.familyKana().orElseThrow()).matches(KATAKANA);
            assertThat(name.givenKana().orElseThrow()).matches(KATAKANA);
        }
        Map<String, Long> families = SAMPLE.stream()
                .collect(Collectors.groupingBy(p -> p.details().name().family(), Collectors.counting()));
        assertThat(families.size()).isGreaterThan(150);
        assertThat(families.get("佐藤")).isGreaterThan(families.getOrDefault("二宮", 0L));
    }

    @Test
    void ageAndSex_lookLikeAnAgeingJapan() {
        double aged = share(p -> age(p) >= 65);
        double children = share(p -> age(p) < 15);
        double women = share(p -> p.details().sex() == jp.tsunagu.directory.Sex.FEMALE);
        assertThat(aged).isBetween(0.25, 0.34);
        assertThat(children).isBetween(0.09, 0.15);
        assertThat(women).isBetween(0.48, 0.55);
        double tokyo = share(p -> p.details().prefecture().orElseThrow() == Prefecture.TOKYO);
        assertThat(tokyo).isBetween(0.09, 0.13);
    }

    @Test
    void patients_areTreatedByOneToThreeFacilities_mostlyInTheirPrefecture() {
        long atHome = 0;
        long total = 0;
        Map<String, Prefecture> prefectureOf = POPULATION.organisations().stream().collect(Collectors.toMap(
                o -> o.identifier().value(), o -> o.prefecture().orElseThrow()));
        for (SyntheticPatient patient : SAMPLE) {
            assertThat(patient.care()).hasSizeBetween(1, 3);
            for (var care : patient.care()) {
                total++;
                atHome += prefectureOf.get(care.organisationCode()) == patient.details().prefecture().orElseThrow() ? 1 : 0;
                assertThat(care.since()).isBefore(JapanTime.startOfDay(TODAY));
            }
            assertThat(patient.items()).allSatisfy(item -> assertThat(item.organisationCode().orElseThrow())
                    .isIn(patient.care().stream().map(SyntheticPatient.Care::organisationCode).toList()));
            assertThat(patient.details().identifiers()).hasSize(1 + patient.care().size());
        }
        assertThat(atHome / (double) total).isGreaterThan(0.85);
    }

    @Test
    void rareDiseases_affectOneToTwoPercent_andAreNotifiedAsShiteiNanbyo() {
        double rare = share(p -> diagnoses(p).anyMatch(d -> d.note().orElse("").startsWith("指定難病")));
        assertThat(rare).isBetween(0.01, 0.02);
        Set<String> rareCodes = Catalog.RARE.stream().map(r -> r.disease().icd10()).collect(Collectors.toSet());
        assertThat(SAMPLE.stream().flatMap(SyntheticPopulationTest::diagnoses).map(d -> d.icd10().orElseThrow())
                .filter(rareCodes::contains).distinct().count()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void chronicDiseases_followAge() {
        double youngHypertension = share(p -> age(p) < 40 && has(p, "I10")) / share(p -> age(p) < 40);
        double oldHypertension = share(p -> age(p) >= 70 && has(p, "I10")) / share(p -> age(p) >= 70);
        assertThat(youngHypertension).isLessThan(0.05);
        assertThat(oldHypertension).isBetween(0.4, 0.65);
        assertThat(share(p -> has(p, "E11.9"))).isBetween(0.04, 0.10);
    }

    @Test
    void labValues_arePlausible_withUnitsRangesAndCodes() {
        List<LabResult> labs = SAMPLE.stream().flatMap(p -> contents(p, LabResult.class)).toList();
        assertThat(labs).hasSizeGreaterThan(SAMPLE.size() * 5);
        Map<String, double[]> plausible = Map.ofEntries(Map.entry("HbA1c(NGSP)", new double[] {4, 14}),
                Map.entry("eGFR", new double[] {5, 140}), Map.entry("クレアチニン", new double[] {0.2, 12}),
                Map.entry("LDLコレステロール", new double[] {30, 300}), Map.entry("ヘモグロビン", new double[] {6, 20}),
                Map.entry("白血球数", new double[] {1500, 25000}), Map.entry("AST", new double[] {5, 200}),
                Map.entry("ALT", new double[] {3, 250}), Map.entry("カリウム", new double[] {2.8, 6.5}),
                Map.entry("血糖", new double[] {50, 400}), Map.entry("CRP", new double[] {0, 30}));
        for (LabResult lab : labs) {
            if (lab.value().isEmpty()) {
                assertThat(lab.valueText()).isPresent();
                continue;
            }
            double[] range = plausible.get(lab.name());
            if (range != null) {
                assertThat(lab.value().get().doubleValue()).as(lab.name()).isBetween(range[0], range[1]);
            }
            assertThat(lab.referenceLow().isPresent() || lab.referenceHigh().isPresent()).as(lab.name()).isTrue();
            assertThat(lab.interpretation().orElseThrow())
                    .isEqualTo(lab.outOfRange().orElseThrow() ? (lab.referenceHigh().isPresent()
                            && lab.value().get().compareTo(lab.referenceHigh().get()) > 0 ? "H" : "L") : "N");
            lab.code().filter(c -> c.system().equals(Code.JLAC10))
                    .ifPresent(c -> assertThat(c.code()).hasSize(17));
            assertThat(lab.effectiveAt().orElseThrow()).isBefore(JapanTime.startOfDay(TODAY));
        }
        assertThat(average(SAMPLE.stream().filter(p -> has(p, "E11.9")), "HbA1c(NGSP)")).isBetween(6.6, 8.5);
        double ckdEgfr = average(SAMPLE.stream().filter(p -> has(p, "N18.9")), "eGFR");
        double otherEgfr = average(SAMPLE.stream().filter(p -> !has(p, "N18.9")), "eGFR");
        assertThat(ckdEgfr).isLessThan(otherEgfr - 20);
    }

    @Test
    void prescriptions_carryTwelveCharacterYjCodes_andSensitiveOnesAreLabelled() {
        List<SyntheticItem> prescriptions = SAMPLE.stream().flatMap(p -> p.items().stream())
                .filter(i -> i.content() instanceof Prescription).toList();
        assertThat(prescriptions).isNotEmpty();
        for (SyntheticItem item : prescriptions) {
            Prescription p = (Prescription) item.content();
            p.code().ifPresent(code -> {
                assertThat(code.system()).isEqualTo(Code.YJ);
                assertThat(code.code()).matches("\\d{7}[A-Z]\\d{4}");
            });
            assertThat(p.end().orElseThrow()).isAfterOrEqualTo(p.start().orElseThrow());
            if (p.drugName().startsWith("デュロキセチン")) {
                assertThat(item.labels()).contains(SensitiveLabel.MENTAL_HEALTH);
            }
        }
        assertThat(prescriptions.stream().filter(i -> ((Prescription) i.content()).code().isPresent()).count())
                .isGreaterThan(prescriptions.size() * 8L / 10);
        // Nobody gets a drug their allergy rules out.
        for (SyntheticPatient patient : SAMPLE) {
            boolean nsaidAllergy = contents(patient, Allergy.class).anyMatch(a -> a.substance().contains("NSAIDs"));
            if (nsaidAllergy) {
                assertThat(contents(patient, Prescription.class)).noneMatch(p -> p.drugName().startsWith("ロキソプロフェン"));
            }
        }
    }

    @Test
    void allergies_infectionTests_undisclosedAndSensitiveItems_exist() {
        double drugAllergy = share(p -> contents(p, Allergy.class)
                .anyMatch(a -> a.allergyCategory() == Allergy.AllergyCategory.MEDICATION));
        assertThat(drugAllergy).isBetween(0.04, 0.12);
        assertThat(SAMPLE.stream().flatMap(p -> contents(p, Allergy.class)).map(Allergy::substance))
                .contains("ペニシリン系抗菌薬", "ヨード造影剤");
        assertThat(SAMPLE.stream().flatMap(p -> p.items().stream()).filter(SyntheticItem::undisclosed)
                .map(i -> i.content() instanceof Diagnosis d ? d.icd10().orElse("") : "")).anyMatch(c -> c.startsWith("C"));
        assertThat(SAMPLE.stream().flatMap(p -> p.items().stream())
                .filter(i -> i.labels().contains(SensitiveLabel.MENTAL_HEALTH))
                .map(i -> i.content() instanceof Diagnosis d ? d.icd10().orElse("") : "")).contains("F32.9");
        List<InfectionTest> covid = SAMPLE.stream().flatMap(p -> contents(p, InfectionTest.class))
                .filter(t -> t.name().startsWith("SARS-CoV-2")).toList();
        Set<Long> weeksWithPositives = new HashSet<>();
        covid.stream().filter(t -> t.positive().orElseThrow()).forEach(t -> weeksWithPositives.add(
                ChronoUnit.WEEKS.between(JapanTime.dateOf(t.effectiveAt().orElseThrow()), TODAY)));
        assertThat(weeksWithPositives).hasSizeGreaterThanOrEqualTo(8);
        assertThat(covid.stream().filter(t -> t.positive().orElseThrow()).count())
                .isBetween(covid.size() / 20L, covid.size() / 2L);
    }

    @Test
    void someAreInHospitalNow_andEveryStayHasItsWard() {
        double inpatients = share(p -> contents(p, Encounter.class)
                .anyMatch(e -> e.encounterClass() == Encounter.EncounterClass.IMP && e.end().isEmpty()));
        assertThat(inpatients).isBetween(0.015, 0.04);
        SAMPLE.stream().flatMap(p -> contents(p, Encounter.class))
                .filter(e -> e.encounterClass() == Encounter.EncounterClass.IMP)
                .forEach(e -> assertThat(e.wardType().orElseThrow()).isIn("一般病床", "療養病床", "精神病床"));
    }

    @Test
    void documents_areTheThreeDocuments_withJapaneseSections() {
        Map<ClinicalDocument.DocumentType, Long> types = SAMPLE.stream().flatMap(p -> contents(p, ClinicalDocument.class))
                .collect(Collectors.groupingBy(ClinicalDocument::type, Collectors.counting()));
        assertThat(types).containsKeys(ClinicalDocument.DocumentType.REFERRAL_LETTER,
                ClinicalDocument.DocumentType.DISCHARGE_SUMMARY, ClinicalDocument.DocumentType.HEALTH_CHECK);
        SAMPLE.stream().flatMap(p -> contents(p, ClinicalDocument.class)).forEach(d -> {
            assertThat(d.title()).isIn("診療情報提供書", "退院時サマリー", "健康診断結果報告書");
            assertThat(d.sections()).hasSizeGreaterThanOrEqualTo(6)
                    .allSatisfy(s -> assertThat(s.text()).isNotBlank());
        });
    }

    @Test
    void everyItem_hasTheSyntheticSourceKey_uniquePerPatient_andHappenedBeforeToday() {
        for (SyntheticPatient patient : SAMPLE.subList(0, 500)) {
            Set<String> keys = new HashSet<>();
            for (SyntheticItem item : patient.items()) {
                assertThat(item.localId()).startsWith(patient.key() + "-");
                assertThat(item.sourceKey()).isEqualTo(SourceKeys.born(item.resourceType(), SyntheticPopulation.SYSTEM,
                        item.localId()));
                assertThat(keys.add(item.sourceKey())).as(item.localId()).isTrue();
                item.content().effectiveAt().ifPresent(at -> assertThat(at).isBefore(JapanTime.startOfDay(TODAY)));
            }
        }
    }

    @Test
    void demoPatients_tellTheirStories_atTheDemoHospitals() {
        List<SyntheticPatient> demo = POPULATION.demoPatients();
        SyntheticPatient sato = demo.get(0);
        SyntheticPatient suzuki = demo.get(1);
        assertThat(sato.details().name().display()).isEqualTo("佐藤 花子");
        assertThat(suzuki.details().name().display()).isEqualTo("鈴木 一郎");
        for (SyntheticPatient patient : demo) {
            assertThat(patient.care()).extracting(SyntheticPatient.Care::organisationCode).containsExactlyInAnyOrder(
                    SyntheticPopulation.TOKYO_CHUO_HOSPITAL, SyntheticPopulation.OSAKA_HOKUSO_HOSPITAL);
        }
        assertThat(diagnoses(sato)).anyMatch(d -> d.icd10().orElseThrow().equals("M32.9")
                && d.note().orElse("").contains("指定難病"));
        assertThat(contents(sato, Allergy.class).filter(a -> a.allergyCategory() == Allergy.AllergyCategory.MEDICATION))
                .hasSizeGreaterThanOrEqualTo(2);
        List<LabResult> complement = contents(sato, LabResult.class).filter(l -> l.name().equals("補体C3"))
                .filter(l -> l.effectiveAt().orElseThrow().isAfter(JapanTime.startOfDay(TODAY.minusYears(1))))
                .toList();
        assertThat(complement).hasSizeGreaterThanOrEqualTo(12);
        assertThat(contents(sato, ClinicalDocument.class))
                .anyMatch(d -> d.type() == ClinicalDocument.DocumentType.REFERRAL_LETTER);
        assertThat(diagnoses(suzuki)).extracting(d -> d.icd10().orElseThrow()).contains("I10", "E11.9");
        List<BigDecimal> a1c = contents(suzuki, LabResult.class).filter(l -> l.name().equals("HbA1c(NGSP)"))
                .sorted(java.util.Comparator.comparing(l -> l.effectiveAt().orElseThrow()))
                .map(l -> l.value().orElseThrow()).toList();
        assertThat(a1c.getFirst()).isGreaterThan(a1c.getLast());
    }

    private static double share(Predicate<SyntheticPatient> predicate) {
        return SAMPLE.stream().filter(predicate).count() / (double) SAMPLE.size();
    }

    private static int age(SyntheticPatient patient) {
        return Period.between(patient.details().birthDate(), TODAY).getYears();
    }

    private static boolean has(SyntheticPatient patient, String icd10) {
        return diagnoses(patient).anyMatch(d -> d.icd10().orElse("").equals(icd10));
    }

    private static java.util.stream.Stream<Diagnosis> diagnoses(SyntheticPatient patient) {
        return contents(patient, Diagnosis.class);
    }

    private static <T> java.util.stream.Stream<T> contents(SyntheticPatient patient, Class<T> type) {
        return patient.items().stream().map(SyntheticItem::content).filter(type::isInstance).map(type::cast);
    }

    private static double average(java.util.stream.Stream<SyntheticPatient> patients, String lab) {
        List<Double> values = new ArrayList<>();
        patients.forEach(p -> contents(p, LabResult.class).filter(l -> l.name().equals(lab))
                .forEach(l -> values.add(l.value().orElseThrow().doubleValue())));
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
