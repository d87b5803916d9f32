package jp.tsunagu.demo;

import static jp.tsunagu.demo.Catalog.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import jp.tsunagu.demo.Facilities.Facility;
import jp.tsunagu.directory.Sex;
import jp.tsunagu.record.Allergy.AllergyCategory;
import jp.tsunagu.record.Encounter.EncounterClass;
import jp.tsunagu.record.SensitiveLabel;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shared.PersonName;
import jp.tsunagu.shared.Prefecture;

/**
 * Generates one person of the population: who they are, which diseases they have at their age, which
 * facilities treat them, and two years of record: visits with prescriptions and lab series, hospital
 * stays (some still going on), infection tests, allergies, health checks and letters between doctors.
 *
 * <p>Everything comes from one random stream seeded by (population seed, patient number), so a
 * patient can be generated alone, in any order, and always comes out the same.
 */
final class PatientGenerator {

    static final int WINDOW_DAYS = 730;

    // Japan's population by five-year age group (10,000 people, 2023) and the share of women in it.
    private static final double[] AGE_GROUP_POPULATION = {424, 491, 531, 550, 620, 636, 640, 722, 803, 945, 930, 800,
        743, 764, 903, 700, 560, 380, 190, 55, 9};
    private static final double[] FEMALE_SHARE = {0.49, 0.49, 0.49, 0.49, 0.49, 0.49, 0.49, 0.49, 0.49, 0.50, 0.50,
        0.50, 0.51, 0.51, 0.53, 0.55, 0.59, 0.65, 0.74, 0.82, 0.88};
    private static final Weighted<Integer> AGE_GROUP;

    static {
        Weighted.Builder<Integer> builder = Weighted.builder();
        for (int i = 0; i < AGE_GROUP_POPULATION.length; i++) {
            builder.add(i, AGE_GROUP_POPULATION[i]);
        }
        AGE_GROUP = builder.build();
    }

    private static final List<Lab> BASIC_PANEL = List.of(AST, ALT, CRE, EGFR, HB);
    private static final List<Lab> ADMISSION_PANEL = List.of(WBC, HB, PLT, CRP, AST, ALT, CRE, EGFR, NA, K, ALB);
    private static final Weighted<Integer> RARE_INDEX;

    static {
        Weighted.Builder<Integer> builder = Weighted.builder();
        for (int i = 0; i < RARE.size(); i++) {
            builder.add(i, RARE.get(i).weight());
        }
        RARE_INDEX = builder.build();
    }

    /** A disease this patient has and where and how it is treated. */
    private record Condition(Disease disease, LocalDate onset, Facility facility, int interval, List<Drug> drugs,
            List<Lab> labs, String department, Optional<String> note, boolean undisclosed,
            List<SensitiveLabel> labels) {

        Condition at(Facility other) {
            return new Condition(disease, onset, other, interval, drugs, labs, department, note, undisclosed, labels);
        }
    }

    /** A hospital stay; no discharge date while the patient is still in. */
    private record Stay(Facility hospital, LocalDate admitted, Optional<LocalDate> discharged, Disease reason,
            String ward, boolean undisclosed, List<SensitiveLabel> labels) {

        boolean covers(LocalDate date) {
            return !date.isBefore(admitted) && discharged.map(d -> !date.isAfter(d)).orElse(true);
        }
    }

    /** A drug allergy: what the patient reacts to, the drugs it rules out, how it showed. */
    private record DrugAllergy(String substance, Set<Drug> avoid, String reaction, String criticality) {
    }

    private final FacilityMap world;
    private final SplittableRandom random;
    private final int number;
    private final LocalDate today;
    private final LocalDate windowStart;

    private Sex sex;
    private LocalDate birth;
    private int age;
    private Prefecture prefecture;
    private Places.City city;
    private RecordBuilder record;
    private LabState labs;
    private final List<Facility> facilities = new ArrayList<>();
    private final List<Condition> conditions = new ArrayList<>();
    private final List<Stay> stays = new ArrayList<>();
    private final List<DrugAllergy> drugAllergies = new ArrayList<>();
    private boolean hepatitisB;
    private boolean hepatitisC;
    private boolean syphilis;
    private Optional<Disease> cancer = Optional.empty();
    private Optional<Rare> rare = Optional.empty();

    PatientGenerator(FacilityMap world, long seed, int number, LocalDate today) {
        this.world = world;
        this.random = new SplittableRandom(mix(seed, number));
        this.number = number;
        this.today = today;
        this.windowStart = today.minusDays(WINDOW_DAYS);
    }

    static long mix(long seed, long number) {
        long z = seed * 0x9E3779B97F4A7C15L + number;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    SyntheticPatient generate() {
        int group = AGE_GROUP.draw(random);
        age = group * 5 + random.nextInt(5);
        sex = random.nextDouble() < FEMALE_SHARE[group] ? Sex.FEMALE : Sex.MALE;
        birth = today.minusYears(age).minusDays(1 + random.nextInt(364));
        prefecture = Places.prefecture(random);
        city = Places.city(random, prefecture);
        PersonName name = Names.draw(random, sex, birth.getYear(), prefecture);
        record = new RecordBuilder(SyntheticPopulation.key(number), random, today, sex, birth);

        // Half the patients had their treatment started or stepped up within the window: their series trend.
        labs = new LabState(random.split(), sex, birth, random.nextBoolean()
                ? windowStart.plusDays(random.nextInt(300)) : windowStart.minusYears(3));
        decideInfections();
        decideDrugAllergies();
        chooseFacilities();
        decideConditions();
        labFlags();
        planStays();

        chronicCare();
        diagnoses();
        acuteEpisodes();
        stayRecords();
        covidTests();
        allergies();
        healthChecks();
        referrals();
        duplicatePrescription();
        everyFacilityHasSeenThePatient();

        return record.build(name, prefecture, Optional.of(Places.postalCode(random, city)),
                Optional.of(Places.address(random, prefecture, city)),
                random.nextDouble() < 0.7 ? Optional.of(Places.phone(random, city)) : Optional.empty(),
                Optional.empty(), number);
    }

    // ------------------------------------------------------------------ who is ill with what

    private void decideInfections() {
        hepatitisB = age >= 30 && random.nextDouble() < 0.007;
        hepatitisC = age >= 45 && random.nextDouble() < (age >= 65 ? 0.012 : 0.006);
        syphilis = age >= 18 && age < 60 && random.nextDouble() < 0.003;
    }

    private void decideDrugAllergies() {
        if (random.nextDouble() >= (age < 15 ? 0.04 : 0.09)) {
            return;
        }
        int count = random.nextDouble() < 0.15 ? 2 : 1;
        for (int i = 0; i < count; i++) {
            DrugAllergy allergy = switch (Weighted.<Integer>builder().add(0, 35).add(1, 18).add(2, 14).add(3, 12)
                    .add(4, 6).add(5, 5).add(6, 5).add(7, 5).build().draw(random)) {
                case 0 -> new DrugAllergy("ペニシリン系抗菌薬", Set.of(), reaction(), "");
                case 1 -> new DrugAllergy("セフェム系抗菌薬", Set.of(), reaction(), "");
                case 2 -> new DrugAllergy("ヨード造影剤", Set.of(), reaction(), "");
                case 3 -> new DrugAllergy("ロキソプロフェンナトリウム（NSAIDs）", Set.of(LOXOPROFEN, CELECOX), reaction(), "");
                case 4 -> new DrugAllergy("アスピリン", Set.of(ASPIRIN, LOXOPROFEN, CELECOX), "喘息発作", "high");
                case 5 -> new DrugAllergy("サルファ剤", Set.of(), reaction(), "");
                case 6 -> new DrugAllergy("ニューキノロン系抗菌薬", Set.of(), reaction(), "");
                default -> new DrugAllergy("リドカイン（局所麻酔薬）", Set.of(), reaction(), "");
            };
            if (drugAllergies.stream().noneMatch(a -> a.substance().equals(allergy.substance()))) {
                drugAllergies.add(allergy);
            }
        }
    }

    private String reaction() {
        return Weighted.<String>builder().add("蕁麻疹", 35).add("薬疹", 25).add("呼吸困難", 8).add("アナフィラキシー", 9)
                .add("嘔気・嘔吐", 10).add("血圧低下", 5).add("肝機能障害", 5).build().draw(random);
    }

    private void chooseFacilities() {
        int count = 1 + (random.nextDouble() < 0.45 ? 1 : 0) + (random.nextDouble() < 0.3 ? 1 : 0);
        for (int i = 0; i < count && facilities.size() < 3; i++) {
            boolean hospital = i == 0 ? random.nextDouble() < 0.45 : random.nextBoolean();
            Facility facility = world.pickFor(random, prefecture, hospital);
            if (!facilities.contains(facility)) {
                facilities.add(facility);
            }
        }
    }

    /** The patient's hospital; a patient seen only in clinics gets one (replacing a third facility). */
    private Facility hospital() {
        return facilities.stream().filter(Facility::hospital).findFirst().orElseGet(() -> {
            Facility hospital = world.pick(random, prefecture, true);
            if (facilities.size() == 3) {
                Facility replaced = facilities.set(2, hospital);
                conditions.replaceAll(c -> c.facility().equals(replaced) ? c.at(primary()) : c);
            } else {
                facilities.add(hospital);
            }
            return hospital;
        });
    }

    private Facility primary() {
        return facilities.getFirst();
    }

    private void decideConditions() {
        boolean female = sex == Sex.FEMALE;
        double htn = band(0.01, 0.04, 0.12, 0.25, 0.40, 0.52, 0.60) * (female ? 0.85 : 1);
        double dm = band(0.002, 0.01, 0.04, 0.08, 0.13, 0.15, 0.15) * (female ? 0.6 : 1);
        double dl = band(0.01, 0.04, 0.10, 0.18, 0.25, 0.27, 0.24) * (female && age >= 50 ? 1.15 : 1);
        boolean hypertension = chance(htn);
        boolean diabetes = chance(dm);
        boolean dyslipidaemia = chance(dl);
        if (hypertension) {
            chronic(HYPERTENSION, primary(), 84, antihypertensives(), List.of(K, NA),
                    "内科");
        }
        if (diabetes) {
            List<Drug> drugs = new ArrayList<>(List.of(METFORMIN));
            if (chance(0.5)) {
                drugs.add(JARDIANCE);
            }
            if (age >= 65 && chance(0.2)) {
                drugs.add(GLIMEPIRIDE);
            }
            if (chance(0.08)) {
                drugs.add(LANTUS);
            }
            chronic(DIABETES, primary(), 42, drugs, List.of(HBA1C, GLUCOSE, TG), "糖尿病・内分泌内科");
        }
        if (dyslipidaemia) {
            chronic(DYSLIPIDAEMIA, primary(), 84, List.of(pick(ATORVASTATIN, ROSUVASTATIN)), List.of(LDL, HDL, TG),
                    "内科");
        }
        if (age >= 60 && chance(band(0, 0, 0, 0, 0.05, 0.10, 0.16) + (diabetes ? 0.08 : 0) + (hypertension ? 0.04 : 0))) {
            chronic(CKD, primary(), 56, List.of(), List.of(CRE, EGFR, BUN, K, URINE_PROTEIN), "腎臓内科");
        }
        if (chance(age < 15 ? 0.06 : 0.035)) {
            chronic(ASTHMA, primary(), 84, List.of(age < 15 ? FLUTIDE : SYMBICORT), List.of(), "呼吸器内科");
        }
        if (age >= 60 && chance(female ? 0.01 : 0.04)) {
            chronic(COPD, primary(), 84, List.of(SPIRIVA), List.of(), "呼吸器内科");
        }
        if (chance(!female && age >= 30 ? 0.07 : female && age >= 50 ? 0.01 : 0)) {
            chronic(HYPERURICAEMIA, primary(), 84, List.of(FEBUXOSTAT), List.of(UA, CRE, EGFR), "内科");
        }
        boolean fibrillation = age >= 65 && chance(age >= 80 ? 0.07 : 0.04);
        if (fibrillation) {
            boolean warfarin = chance(0.3);
            chronic(ATRIAL_FIBRILLATION, hospital(), 56, List.of(warfarin ? WARFARIN : ELIQUIS, BISOPROLOL),
                    warfarin ? List.of(PT_INR) : List.of(), "循環器内科");
            labs.warfarin = warfarin;
        }
        if (age >= 70 && chance(0.04 + (fibrillation ? 0.1 : 0) + (age >= 85 ? 0.04 : 0))) {
            chronic(HEART_FAILURE, hospital(), 42, List.of(FUROSEMIDE, SPIRONOLACTONE, CARVEDILOL), List.of(BNP, NA, K),
                    "循環器内科");
        }
        if (age >= 55 && chance(0.025 * (female ? 0.6 : 1.4) + (diabetes ? 0.03 : 0))) {
            chronic(ANGINA, hospital(), 84, allowed(List.of(ASPIRIN, CLOPIDOGREL)), List.of(LDL), "循環器内科");
        }
        if (female && age >= 60 && chance(age >= 75 ? 0.3 : 0.18)) {
            chronic(OSTEOPOROSIS, primary(), 84, List.of(ALENDRONATE), List.of(), "整形外科");
        }
        if (age >= 60 && chance(female ? 0.15 : 0.08)) {
            chronic(KNEE_OA, primary(), 84, allowed(List.of(CELECOX)), List.of(), "整形外科");
        }
        if (age >= 75 && chance(age >= 85 ? 0.2 : 0.08)) {
            chronic(DEMENTIA, primary(), 56, List.of(DONEPEZIL), List.of(), "脳神経内科");
        }
        if (age >= 40 && chance(0.04)) {
            chronic(GERD, primary(), 84, List.of(LANSOPRAZOLE), List.of(), "消化器内科");
        }
        if (age >= 50 && chance(0.05)) {
            chronic(INSOMNIA, primary(), 84, List.of(ZOLPIDEM), List.of(), "内科");
        }
        if (age >= 70 && chance(0.08)) {
            chronic(CONSTIPATION, primary(), 84, List.of(MAGNESIUM_OXIDE), List.of(), "内科");
        }
        if (age >= 5 && age <= 75 && chance(0.12)) {
            LocalDate spring = LocalDate.of(today.getYear() - (today.getMonthValue() < 2 ? 1 : 0), 2, 10)
                    .plusDays(random.nextInt(20));
            addCondition(new Condition(POLLINOSIS, onset(15), primary(), 0, List.of(FEXOFENADINE), List.of(), "内科",
                    Optional.of("毎年" + spring.getMonthValue() + "月頃から症状あり"), false, List.of()));
        }
        if (age >= 18 && age <= 75 && chance(0.03 * (female ? 1.5 : 1))) {
            Facility where = facilities.size() > 1 ? facilities.get(1) : primary();
            chronic(DEPRESSION, where, 28, List.of(DULOXETINE), List.of(), "精神科", List.of(SensitiveLabel.MENTAL_HEALTH),
                    false);
        }
        if (hepatitisB) {
            chronic(HEPATITIS_B, hospital(), 84, List.of(), List.of(AST, ALT, PLT), "消化器内科");
        }
        if (hepatitisC) {
            chronic(HEPATITIS_C, hospital(), 84, List.of(), List.of(AST, ALT, PLT), "消化器内科");
            labs.hepatitisC = true;
        }
        if (syphilis) {
            addCondition(new Condition(SYPHILIS, today.minusDays(30 + random.nextInt(500)), primary(), 0, List.of(),
                    List.of(), "皮膚科", Optional.empty(), false, List.of(SensitiveLabel.SEXUAL_HEALTH)));
        }
        if (age >= 50 && chance(age >= 70 ? 0.025 : 0.012)) {
            List<Disease> possible = CANCERS.stream()
                    .filter(c -> !(c.icd10().equals("C61") && female) && !(c.icd10().equals("C50.9") && !female))
                    .toList();
            Disease disease = possible.get(random.nextInt(possible.size()));
            LocalDate onset = today.minusDays(10 + random.nextInt(600));
            boolean told = ChronoUnit.DAYS.between(onset, today) > 90 || chance(0.5);
            cancer = Optional.of(disease);
            addCondition(new Condition(disease, onset, hospital(), 56, List.of(), List.of(CRP, HB, ALB), "外科",
                    Optional.of(told ? "術後経過観察中" : "精査中"), !told, List.of()));
        }
        if (chance(0.015)) {
            rareDisease();
        }
    }

    private void rareDisease() {
        boolean female = sex == Sex.FEMALE;
        Weighted.Builder<Rare> builder = Weighted.builder();
        for (Rare candidate : RARE) {
            double fit = (female ? candidate.femaleShare() : 1 - candidate.femaleShare())
                    * (age >= candidate.minAge() ? 1 : 0.02);
            builder.add(candidate, candidate.weight() * fit);
        }
        Rare chosen = builder.build().draw(random);
        rare = Optional.of(chosen);
        int years = Math.max(0, Math.min(age - chosen.minAge() + 1, 20));
        LocalDate onset = today.minusDays(60 + random.nextInt(Math.max(1, years * 365)));
        addCondition(new Condition(chosen.disease(), onset, hospital(), 28, allowed(chosen.drugs()),
                chosen.labs(), "難病外来", Optional.of("指定難病（告示番号" + chosen.disease().nanbyo().orElseThrow()
                        + "）医療受給者証あり"), false, List.of()));
    }

    private void chronic(Disease disease, Facility facility, int interval, List<Drug> drugs, List<Lab> panel,
            String department) {
        chronic(disease, facility, interval, drugs, panel, department, List.of(), false);
    }

    private void chronic(Disease disease, Facility facility, int interval, List<Drug> drugs, List<Lab> panel,
            String department, List<SensitiveLabel> labels, boolean undisclosed) {
        addCondition(new Condition(disease, onset(Math.max(1, Math.min(age - 15, 20))), facility, interval, drugs,
                panel, department, Optional.empty(), undisclosed, labels));
    }

    private void addCondition(Condition condition) {
        conditions.add(condition);
    }

    /** Somewhere in the last {@code years} years, at least a month ago. */
    private LocalDate onset(int years) {
        return today.minusDays(30 + random.nextInt(Math.max(1, years * 365)));
    }

    private void labFlags() {
        for (Condition c : conditions) {
            Disease d = c.disease();
            labs.diabetes |= d == DIABETES;
            labs.dyslipidaemia |= d == DYSLIPIDAEMIA;
            labs.ckd |= d == CKD;
            labs.hyperuricaemia |= d == HYPERURICAEMIA;
            labs.heartFailure |= d == HEART_FAILURE;
            labs.spironolactone |= c.drugs().contains(SPIRONOLACTONE);
        }
        rare.ifPresent(r -> {
            String icd = r.disease().icd10();
            labs.lupus = icd.equals("M32.9");
            labs.inflammatoryBowel = icd.equals("K51.9") || icd.equals("K50.9");
            labs.inflammation = icd.equals("M35.2") || icd.equals("M05.3") || icd.equals("M34.9") || icd.equals("D86.9");
            labs.biliary = icd.equals("K74.3");
            labs.interstitialLung = icd.equals("J84.1");
            labs.myositis = icd.equals("M33.9");
            labs.thrombocytopenia = icd.equals("D69.3");
            labs.nephrotic = icd.equals("N04.9");
            labs.heartFailure |= icd.startsWith("I42") || icd.equals("I27.0");
            labs.ckd |= icd.equals("N02.8") || icd.equals("Q61.2");
        });
    }

    // ------------------------------------------------------------------ hospital stays

    private void planStays() {
        double current = age < 40 ? 0.005 : age < 65 ? 0.015 : age < 75 ? 0.035 : age < 85 ? 0.06 : 0.09;
        if (chance(current)) {
            Disease reason = stayReason(true);
            String ward = ward(reason);
            int daysIn = ward.equals("療養病床") ? 20 + random.nextInt(220) : 1 + random.nextInt(21);
            stays.add(stay(hospital(), today.minusDays(daysIn), Optional.empty(), reason, ward));
        }
        double yearly = age < 15 ? 0.02 : age < 40 ? 0.025 : age < 65 ? 0.04 : age < 75 ? 0.08 : 0.14;
        int past = (chance(yearly) ? 1 : 0) + (chance(yearly) ? 1 : 0) + (cancer.isPresent() && stays.isEmpty() ? 1 : 0);
        for (int i = 0; i < past; i++) {
            Disease reason = i == 0 && cancer.isPresent() ? cancer.get() : stayReason(false);
            String ward = ward(reason);
            int length = ward.equals("療養病床") ? 30 + random.nextInt(120)
                    : (int) Math.clamp(Math.round(Math.exp(Math.log(8) + 0.6 * random.nextGaussian())), 2, 60);
            for (int attempt = 0; attempt < 5; attempt++) {
                LocalDate admitted = windowStart.plusDays(random.nextInt(Math.max(1, WINDOW_DAYS - length - 3)));
                LocalDate discharged = admitted.plusDays(length - 1L);
                boolean overlaps = stays.stream().anyMatch(s -> s.covers(admitted) || s.covers(discharged)
                        || (admitted.isBefore(s.admitted()) && discharged.isAfter(s.admitted())));
                if (!overlaps && discharged.isBefore(today)) {
                    stays.add(stay(hospital(), admitted, Optional.of(discharged), reason, ward));
                    break;
                }
            }
        }
    }

    private Stay stay(Facility hospital, LocalDate admitted, Optional<LocalDate> discharged, Disease reason,
            String ward) {
        boolean undisclosed = conditions.stream().anyMatch(c -> c.disease() == reason && c.undisclosed());
        List<SensitiveLabel> labels = reason == DEPRESSION ? List.of(SensitiveLabel.MENTAL_HEALTH)
                : reason.icd10().startsWith("O") ? List.of(SensitiveLabel.REPRODUCTIVE) : List.of();
        return new Stay(hospital, admitted, discharged, reason, ward, undisclosed, labels);
    }

    private Disease stayReason(boolean current) {
        if (cancer.isPresent() && chance(0.6)) {
            return cancer.get();
        }
        if (has(DEMENTIA) && current && chance(0.5)) {
            return DEMENTIA;
        }
        if (has(HEART_FAILURE) && chance(0.5)) {
            return HF_EXACERBATION;
        }
        if (has(DEPRESSION) && chance(0.3)) {
            return DEPRESSION;
        }
        if (rare.isPresent() && chance(0.4)) {
            return rare.get().disease();
        }
        Weighted.Builder<Disease> reasons = Weighted.builder();
        if (age >= 65) {
            reasons.add(PNEUMONIA, 30).add(STROKE, 15).add(HIP_FRACTURE, age >= 75 ? 15 : 5)
                    .add(HF_EXACERBATION, age >= 75 ? 12 : 5).add(COVID_19, current ? 8 : 3);
        }
        if (age >= 15) {
            reasons.add(APPENDICITIS, 6).add(GALLSTONE, age >= 40 ? 8 : 2).add(FOREARM_FRACTURE, 5);
        }
        if (sex == Sex.FEMALE && age >= 20 && age <= 42) {
            reasons.add(THREATENED_PRETERM, 12);
        }
        reasons.add(PNEUMONIA, age < 15 ? 20 : 5).add(GASTROENTERITIS, age < 15 ? 15 : 2);
        return reasons.build().draw(random);
    }

    private String ward(Disease reason) {
        if (reason == DEPRESSION) {
            return "精神病床";
        }
        if (reason == DEMENTIA || (age >= 80 && (reason == STROKE || reason == HIP_FRACTURE) && chance(0.35))) {
            return "療養病床";
        }
        return "一般病床";
    }

    // ------------------------------------------------------------------ the record

    /** Regular visits for chronic diseases, each with prescriptions and now and then a lab draw. */
    private void chronicCare() {
        for (Facility facility : List.copyOf(facilities)) {
            List<Condition> here = conditions.stream()
                    .filter(c -> c.facility().equals(facility) && c.interval() > 0).toList();
            if (here.isEmpty()) {
                continue;
            }
            int interval = here.stream().mapToInt(Condition::interval).min().orElseThrow();
            boolean intense = here.stream().anyMatch(c -> c.interval() <= 42);
            LocalDate first = here.stream().map(Condition::onset).min(LocalDate::compareTo).orElseThrow();
            LocalDate date = (first.isAfter(windowStart) ? first : windowStart).plusDays(random.nextInt(interval));
            int draws = 0;
            while (date.isBefore(today)) {
                LocalDate day = date;
                if (stays.stream().noneMatch(s -> s.covers(day))) {
                    Instant at = record.visit(facility, day);
                    List<Condition> active = here.stream().filter(c -> !c.onset().isAfter(day)).toList();
                    for (Condition c : active) {
                        for (Drug drug : c.drugs()) {
                            record.prescription(facility, drug, day, interval, c.labels());
                        }
                    }
                    if (chance(intense ? 0.7 : 0.45)) {
                        Set<Lab> panel = new LinkedHashSet<>();
                        active.forEach(c -> panel.addAll(c.labs()));
                        if (draws++ % 2 == 0) {
                            panel.addAll(BASIC_PANEL);
                        }
                        boolean undisclosed = active.stream().anyMatch(Condition::undisclosed)
                                && active.stream().allMatch(c -> c.undisclosed() || c.labs().isEmpty());
                        draw(facility, panel, at.plus(Duration.ofMinutes(5)), undisclosed, Optional.empty());
                    }
                }
                date = date.plusDays(interval + random.nextInt(11) - 5);
            }
        }
    }

    /** One blood draw: eGFR and creatinine from one kidney function, the rest from the patient's model. */
    private void draw(Facility facility, Set<Lab> panel, Instant at, boolean undisclosed, Optional<Disease> acute) {
        LocalDate day = JapanTime.dateOf(at);
        double egfr = labs.value(EGFR, day);
        for (Lab lab : panel) {
            if (lab == URINE_PROTEIN) {
                String value = labs.urineProtein(day);
                record.labText(facility, lab, value, !value.equals("(-)"), at);
                continue;
            }
            double value = lab == EGFR ? egfr : lab == CRE ? labs.creatinine(egfr, day) : labs.value(lab, day);
            if (acute.isPresent()) {
                value = acuteValue(acute.get(), lab, value);
            }
            record.lab(facility, lab, value, at, undisclosed);
        }
    }

    private double acuteValue(Disease reason, Lab lab, double value) {
        boolean infection = reason == PNEUMONIA || reason == COVID_19 || reason == APPENDICITIS
                || reason == GASTROENTERITIS;
        if (infection && lab == CRP) {
            return 3 + random.nextDouble() * 12;
        }
        if (infection && lab == WBC && reason != COVID_19) {
            return 10_500 + random.nextDouble() * 7000;
        }
        if (reason == HIP_FRACTURE && lab == HB) {
            return value - 1.5;
        }
        if (reason == HF_EXACERBATION && lab == BNP) {
            return 400 + random.nextDouble() * 800;
        }
        return value;
    }

    private void diagnoses() {
        for (Condition c : conditions) {
            String status = c.disease() == SYPHILIS && ChronoUnit.DAYS.between(c.onset(), today) > 120 ? "resolved"
                    : "active";
            // Diseases older than the record are known to the month, as most sources send them.
            record.diagnosis(c.facility(), c.disease(), c.onset(), status, c.onset().isBefore(windowStart),
                    c.note(), c.undisclosed(), c.labels());
            if (c.interval() > 0) {
                record.treatingSince(c.facility(), c.onset());
            }
            if (c.disease() == POLLINOSIS) {
                LocalDate season = LocalDate.of(today.getYear() - (today.getMonthValue() < 3 ? 1 : 0), 2, 1)
                        .plusDays(random.nextInt(25));
                if (season.isBefore(today)) {
                    record.visit(c.facility(), season);
                    for (Drug drug : c.drugs()) {
                        record.prescription(c.facility(), drug, season, 56, List.of());
                    }
                }
            }
            if (c.disease() == SYPHILIS) {
                Instant at = record.visit(c.facility(), c.onset());
                record.infection(c.facility(), TP_AB, true, at.plus(Duration.ofMinutes(5)), c.labels());
            }
        }
    }

    /** Colds, stomach bugs, back pain: a visit, a diagnosis and often a prescription. */
    private void acuteEpisodes() {
        double perYear = age < 10 ? 2.0 : age < 65 ? 0.8 : 1.2;
        int episodes = poisson(perYear * 2);
        for (int i = 0; i < episodes; i++) {
            LocalDate day = windowStart.plusDays(random.nextInt(WINDOW_DAYS));
            if (stays.stream().anyMatch(s -> s.covers(day))) {
                continue;
            }
            acuteEpisode(facilities.get(random.nextInt(facilities.size())), day);
        }
    }

    private void acuteEpisode(Facility facility, LocalDate day) {
        Disease disease = Weighted.<Disease>builder().add(URI, 50).add(GASTROENTERITIS, 15).add(BRONCHITIS, 10)
                .add(LUMBAGO, age >= 15 ? 15 : 0).add(CYSTITIS, sex == Sex.FEMALE ? 10 : 0).build().draw(random);
        record.visit(facility, day);
        record.diagnosis(facility, disease, day, day.plusDays(14).isBefore(today) ? "resolved" : "active", false,
                Optional.empty(), false, List.of());
        if (disease == URI || disease == BRONCHITIS) {
            record.prescription(facility, ACETAMINOPHEN, day, 5, List.of());
            if (disease == BRONCHITIS || chance(0.2)) {
                record.prescription(facility, CLARITHROMYCIN, day, 5, List.of());
            }
        } else if (disease == LUMBAGO) {
            record.prescription(facility, allowed(List.of(LOXOPROFEN)).isEmpty() ? ACETAMINOPHEN : LOXOPROFEN, day,
                    14, List.of());
        }
    }

    private void stayRecords() {
        for (Stay stay : stays) {
            Facility hospital = stay.hospital();
            Instant admitted = JapanTime.startOfDay(stay.admitted()).plus(Duration.ofMinutes(10 * 60 + random.nextInt(300)));
            Optional<Instant> discharged = stay.discharged()
                    .map(d -> JapanTime.startOfDay(d).plus(Duration.ofMinutes(10 * 60 + random.nextInt(120))));
            record.encounter(hospital, EncounterClass.IMP, discharged.isPresent() ? "finished" : "in-progress",
                    Optional.of(stay.ward()), admitted, discharged);
            boolean known = conditions.stream().anyMatch(c -> c.disease() == stay.reason());
            if (!known) {
                String status = stay.discharged().map(d -> d.plusDays(30).isBefore(today) ? "resolved" : "remission")
                        .orElse("active");
                record.diagnosis(hospital, stay.reason(), stay.admitted(), status, false, Optional.empty(),
                        stay.undisclosed(), stay.labels());
            }
            Instant labsAt = admitted.plus(Duration.ofMinutes(40));
            draw(hospital, new LinkedHashSet<>(ADMISSION_PANEL), labsAt, stay.undisclosed(), Optional.of(stay.reason()));
            if (chance(0.9) || stay.reason() == COVID_19) {
                record.infection(hospital, HBS_AG, hepatitisB, labsAt, List.of());
                record.infection(hospital, HCV_AB, hepatitisC, labsAt, List.of());
                record.infection(hospital, TP_AB, syphilis, labsAt,
                        syphilis ? List.of(SensitiveLabel.SEXUAL_HEALTH) : List.of());
            }
            long daysAgo = ChronoUnit.DAYS.between(stay.admitted(), today);
            if (stay.reason() == COVID_19 || (daysAgo <= 84 && chance(0.7))) {
                record.infection(hospital, SARS_COV_2, stay.reason() == COVID_19 || chance(0.02), labsAt, List.of());
            }
            stay.discharged().ifPresent(day -> {
                List<Drug> drugs = conditions.stream().filter(c -> !c.onset().isAfter(day) && c.interval() > 0)
                        .flatMap(c -> c.drugs().stream()).distinct().limit(4).toList();
                for (Drug drug : drugs) {
                    record.prescription(hospital, drug, day, 14, labelsOf(drug));
                }
                if (chance(0.9)) {
                    record.document(hospital, Documents.dischargeSummary(discharge(stay, day, drugs)),
                            stay.undisclosed(), stay.labels());
                }
            });
        }
    }

    private List<SensitiveLabel> labelsOf(Drug drug) {
        return conditions.stream().filter(c -> c.drugs().contains(drug)).flatMap(c -> c.labels().stream())
                .distinct().toList();
    }

    /** SARS-CoV-2 tests of people with a fever, over the last twelve weeks; the positive share rises and falls. */
    private void covidTests() {
        if (!chance(0.06)) {
            return;
        }
        int daysAgo = 1 + random.nextInt(84);
        LocalDate day = today.minusDays(daysAgo);
        if (stays.stream().anyMatch(s -> s.covers(day))) {
            return;
        }
        double weeksAgo = daysAgo / 7.0;
        boolean positive = chance(0.06 + 0.30 * Math.exp(-Math.pow(weeksAgo - 3.5, 2) / 6));
        Facility facility = primary();
        Instant at = record.visit(facility, day);
        record.infection(facility, SARS_COV_2, positive, at.plus(Duration.ofMinutes(10)), List.of());
        if (positive) {
            record.diagnosis(facility, COVID_19, day, daysAgo > 10 ? "resolved" : "active", false, Optional.empty(),
                    false, List.of());
            record.prescription(facility, ACETAMINOPHEN, day, 5, List.of());
        }
        if (facility.hospital() && chance(0.15)) {
            record.infection(facility, HBS_AG, hepatitisB, at.plus(Duration.ofMinutes(10)), List.of());
        }
    }

    private void allergies() {
        for (DrugAllergy allergy : drugAllergies) {
            Facility facility = facilities.get(random.nextInt(facilities.size()));
            String reaction = allergy.reaction();
            String criticality = !allergy.criticality().isEmpty() ? allergy.criticality()
                    : reaction.equals("アナフィラキシー") || reaction.equals("呼吸困難") || reaction.equals("血圧低下")
                            ? "high" : "low";
            String type = reaction.equals("嘔気・嘔吐") || reaction.equals("肝機能障害") ? "intolerance" : "allergy";
            int year = today.getYear() - 1 - random.nextInt(Math.max(1, Math.min(age, 30)));
            Optional<String> note = Optional.of(year + "年頃 " + (allergy.substance().contains("造影剤") ? "造影CT検査時に発症"
                    : "内服後に発症"));
            record.allergy(facility, allergy.substance(), AllergyCategory.MEDICATION, type, criticality, reaction, note,
                    record.during(windowStart.plusDays(random.nextInt(WINDOW_DAYS))));
        }
        if (chance(age < 15 ? 0.07 : 0.025)) {
            String food = Weighted.<String>builder().add("鶏卵", 25).add("牛乳", 15).add("小麦", 12).add("えび", 12)
                    .add("かに", 8).add("そば", 8).add("落花生", 8).add("くるみ", 5).add("キウイフルーツ", 4).add("さば", 3)
                    .build().draw(random);
            String reaction = Weighted.<String>builder().add("蕁麻疹", 45).add("口腔内違和感", 20).add("嘔吐", 15)
                    .add("アナフィラキシー", 10).add("喘鳴", 10).build().draw(random);
            record.allergy(primary(), food, AllergyCategory.FOOD, "allergy",
                    reaction.equals("アナフィラキシー") ? "high" : "low", reaction, Optional.empty(),
                    record.during(windowStart.plusDays(random.nextInt(WINDOW_DAYS))));
        }
        if (has(POLLINOSIS) || chance(0.04)) {
            String what = has(POLLINOSIS) ? "スギ花粉" : chance(0.6) ? "ハウスダスト" : "ネコ";
            record.allergy(primary(), what, AllergyCategory.ENVIRONMENT, "allergy", "low",
                    what.equals("スギ花粉") ? "鼻汁・くしゃみ・眼のかゆみ" : "鼻炎症状", Optional.empty(),
                    record.during(windowStart.plusDays(random.nextInt(WINDOW_DAYS))));
        }
    }

    /** 特定健診 and workplace check-ups: about half of adults under 75, once a year. */
    private void healthChecks() {
        if (age < 20 || age > 74) {
            return;
        }
        for (int year = 0; year < 2; year++) {
            if (!chance(age >= 40 ? 0.55 : 0.45)) {
                continue;
            }
            LocalDate day = windowStart.plusDays(year * 365L + random.nextInt(365));
            if (!day.isBefore(today) || stays.stream().anyMatch(s -> s.covers(day))) {
                continue;
            }
            Facility facility = facilities.get(random.nextInt(facilities.size()));
            record.document(facility, Documents.healthCheck(healthCheck(day)), false, List.of());
        }
    }

    private Documents.HealthCheck healthCheck(LocalDate day) {
        boolean female = sex == Sex.FEMALE;
        boolean metabolic = has(HYPERTENSION) || has(DIABETES) || has(DYSLIPIDAEMIA);
        double height = (female ? 157 : 170) - (age > 60 ? 4 : 0) + random.nextGaussian() * (female ? 5.5 : 6);
        double bmi = Math.clamp(22.5 + (metabolic ? 2 : 0) + random.nextGaussian() * 3, 16, 38);
        double weight = bmi * Math.pow(height / 100, 2);
        double waist = (female ? 78 : 82) + (bmi - 22) * 2.6 + random.nextGaussian() * 3;
        int systolic = (int) Math.round(118 + 0.35 * (age - 40) + (has(HYPERTENSION) ? 10 : 0) + random.nextGaussian() * 11);
        int diastolic = (int) Math.round(systolic * 0.6 + random.nextGaussian() * 6);
        double ast = labs.value(AST, day);
        double alt = labs.value(ALT, day);
        double ggt = labs.value(GGT, day);
        double tg = labs.value(TG, day);
        double hdl = labs.value(HDL, day);
        double ldl = labs.value(LDL, day);
        double glucose = labs.value(GLUCOSE, day);
        double a1c = labs.value(HBA1C, day);
        double hb = labs.value(HB, day);
        double egfr = labs.value(EGFR, day);
        String blood = String.format("AST %.0f U/L、ALT %.0f U/L、γ-GT %.0f U/L%n中性脂肪 %.0f mg/dL、HDLコレステロール %.0f mg/dL、"
                + "LDLコレステロール %.0f mg/dL%n空腹時血糖 %.0f mg/dL、HbA1c %.1f %%%nヘモグロビン %.1f g/dL、"
                + "クレアチニン %.2f mg/dL、eGFR %.1f mL/min/1.73m2", ast, alt, ggt, tg, hdl, ldl, glucose, a1c, hb,
                labs.creatinine(egfr, day), egfr);
        String urineSugar = a1c > 7.5 ? "(+)" : "(-)";
        String urine = "尿糖 " + urineSugar + "、尿蛋白 " + labs.urineProtein(day);
        int findings = (systolic >= 140 ? 1 : 0) + (ldl >= 140 ? 1 : 0) + (a1c >= 6.5 ? 1 : 0) + (alt > 40 ? 1 : 0)
                + (tg >= 150 ? 1 : 0) + (bmi >= 25 ? 1 : 0);
        boolean treated = metabolic;
        String verdict = findings == 0 ? "A 異常なし" : findings == 1 ? "B 軽度異常（生活習慣に注意）"
                : treated ? "E 治療継続（主治医の指示に従ってください）" : findings == 2 ? "C 要経過観察（6か月後に再検査）"
                : "D 要医療（医療機関を受診してください）";
        List<String> advice = new ArrayList<>();
        if (systolic >= 130) {
            advice.add("減塩（1日6g未満）と家庭血圧の測定を続けてください。");
        }
        if (bmi >= 25 || waist >= (female ? 90 : 85)) {
            advice.add("体重を3%減らすことを目標に、1日8,000歩の歩行を心がけてください。");
        }
        if (ldl >= 140 || tg >= 150) {
            advice.add("脂質の多い食事を控え、野菜と魚を増やしてください。");
        }
        if (a1c >= 6.0) {
            advice.add("糖質の摂りすぎに注意し、間食を控えてください。");
        }
        if (advice.isEmpty()) {
            advice.add("現在の生活習慣を続け、来年も健診を受けましょう。");
        }
        boolean waistOver = waist >= (female ? 90 : 85);
        int risks = (systolic >= 130 || diastolic >= 85 ? 1 : 0) + (tg >= 150 || hdl < 40 ? 1 : 0)
                + (glucose >= 110 ? 1 : 0);
        String metabolicVerdict = !waistOver ? "非該当" : risks >= 2 ? "基準該当" : risks == 1 ? "予備群該当" : "非該当";
        return new Documents.HealthCheck(day, height, weight, waist, systolic, diastolic, blood, urine, verdict,
                String.join("\n", advice), metabolicVerdict);
    }

    private Documents.Discharge discharge(Stay stay, LocalDate day, List<Drug> drugs) {
        Disease reason = stay.reason();
        int los = (int) ChronoUnit.DAYS.between(stay.admitted(), day) + 1;
        boolean cephemAllergy = drugAllergies.stream().anyMatch(a -> a.substance().startsWith("セフェム"));
        String antibiotic = cephemAllergy ? "レボフロキサシン" : "セフトリアキソン";
        String admissionReason;
        String course;
        String condition = "ADL自立。全身状態良好にて退院。";
        if (reason == PNEUMONIA) {
            admissionReason = "発熱、咳嗽、呼吸困難を主訴に受診。胸部X線で浸潤影を認め、肺炎の診断で入院となった。";
            course = antibiotic + "点滴による抗菌薬治療を開始し、第" + Math.min(los, 3 + random.nextInt(3))
                    + "病日に解熱した。CRPは低下し、酸素投与も終了した。"
                    + (cephemAllergy ? "セフェム系抗菌薬アレルギーのため同系統は使用しなかった。" : "");
        } else if (reason == STROKE) {
            admissionReason = "起床時からの右上下肢の脱力と構音障害を主訴に救急搬送。頭部MRIで左放線冠に急性期脳梗塞を認め入院。";
            course = "抗血小板療法と点滴加療を行い、第3病日よりリハビリテーションを開始した。右上下肢の軽度麻痺が残存するが、杖歩行が可能となった。";
            condition = "杖歩行。日常生活は一部介助。";
        } else if (reason == HIP_FRACTURE) {
            admissionReason = "自宅で転倒し、右股関節痛のため歩行困難となり救急搬送。X線で右大腿骨頸部骨折を認め入院。";
            course = "第" + (2 + random.nextInt(3)) + "病日に人工骨頭置換術を施行。術後経過は良好で、リハビリテーションにより歩行器歩行が可能となった。";
            condition = "歩行器歩行。";
        } else if (reason == HF_EXACERBATION) {
            admissionReason = "労作時呼吸困難と下腿浮腫の増悪を主訴に受診。胸部X線で心拡大と胸水を認め、慢性心不全の急性増悪として入院。";
            course = "利尿薬の静注により体重は入院時から" + (2 + random.nextInt(4)) + "kg減少し、症状は改善した。BNPも低下傾向。";
        } else if (reason == COVID_19) {
            admissionReason = "発熱と咳嗽が続き、SARS-CoV-2 PCR陽性。酸素飽和度の低下を認め入院。";
            course = "酸素投与と抗ウイルス薬による治療で解熱し、酸素投与を終了した。";
        } else if (reason == APPENDICITIS) {
            admissionReason = "右下腹部痛と発熱を主訴に受診。腹部CTで急性虫垂炎と診断し入院。";
            course = "同日、腹腔鏡下虫垂切除術を施行。術後経過良好で、食事摂取も問題なし。";
        } else if (reason == GALLSTONE) {
            admissionReason = "心窩部痛を繰り返し、腹部エコーで胆嚢結石を認め手術目的に入院。";
            course = "腹腔鏡下胆嚢摘出術を施行した。術後合併症なく経過した。";
        } else if (reason == FOREARM_FRACTURE) {
            admissionReason = "転倒して手をつき左手関節痛が出現。X線で橈骨遠位端骨折を認め手術目的に入院。";
            course = "観血的整復固定術を施行した。術後の疼痛は内服薬で軽快。";
        } else if (reason == THREATENED_PRETERM) {
            admissionReason = "妊娠" + (26 + random.nextInt(8)) + "週、子宮収縮と少量の性器出血を認め、切迫早産の診断で入院。";
            course = "安静と子宮収縮抑制薬の点滴により子宮収縮は落ち着き、内服に切り替えて退院とした。";
        } else if (reason == DEPRESSION) {
            admissionReason = "抑うつ気分、不眠、食欲低下が増悪し、休養と薬物調整の目的で入院。";
            course = "抗うつ薬を調整し、休養により睡眠と食欲は改善した。外泊を経て退院とした。";
        } else if (reason == GASTROENTERITIS) {
            admissionReason = "嘔吐と下痢が続き経口摂取困難となり、脱水のため入院。";
            course = "補液により脱水は改善し、食事を再開して退院とした。";
        } else if (reason == DEMENTIA) {
            admissionReason = "認知機能の低下により自宅での生活が困難となり、療養目的で入院。";
            course = "療養病床にてリハビリテーションと生活援助を継続した。介護保険サービスを調整し施設入所とした。";
            condition = "車椅子移乗は見守り。食事は自立。";
        } else if (cancer.isPresent() && reason == cancer.get()) {
            admissionReason = reason.name() + "の手術目的で入院。";
            course = "第" + (2 + random.nextInt(3)) + "病日に手術を施行した。術後合併症なく経過し、食事摂取も良好となった。病理結果は外来で説明予定。";
        } else {
            admissionReason = reason.name() + "の増悪のため入院。";
            course = "ステロイド等による治療を行い、症状は改善した。";
        }
        List<String> diagnoses = new ArrayList<>();
        diagnoses.add(reason.name());
        conditions.stream().filter(c -> c.disease() != reason && c.interval() > 0 && !c.undisclosed())
                .map(c -> c.disease().name()).limit(4).forEach(diagnoses::add);
        String plan = "退院後は" + (primary().equals(stay.hospital()) ? "当院外来" : primary().name()) + "にて経過観察をお願いする。";
        return new Documents.Discharge(stay.hospital(), stay.ward(), stay.admitted(), day, admissionReason,
                reason.name(), course, diagnoses, drugs, condition, plan);
    }

    /** A letter from the first facility to a later one, dated a few days before the patient first went there. */
    private void referrals() {
        if (facilities.size() < 2 || !chance(0.5)) {
            return;
        }
        Facility from = facilities.get(0);
        Facility to = facilities.get(1);
        Optional<Instant> firstThere = record.firstContact(to);
        if (firstThere.isEmpty() || !record.seenAt(from)) {
            return;
        }
        LocalDate date = JapanTime.dateOf(firstThere.get()).minusDays(3 + random.nextInt(10));
        if (date.isBefore(windowStart.minusYears(3))) {
            date = windowStart.plusDays(random.nextInt(60));
        }
        LocalDate day = date.isBefore(today) ? date : today.minusDays(1);
        List<Condition> known = conditions.stream().filter(c -> !c.onset().isAfter(day)).toList();
        Optional<Condition> reason = known.stream().filter(c -> c.facility().equals(to)).findFirst();
        String department = reason.map(Condition::department).orElse("内科");
        String purpose = reason.map(c -> c.disease().name() + "について、専門的なご診療をお願いいたします。")
                .orElse("症状の精査をお願いいたします。");
        List<String> diagnoses = known.stream().filter(c -> !c.undisclosed())
                .map(c -> c.disease().name() + "（" + c.onset().getYear() + "年" + c.onset().getMonthValue() + "月〜）")
                .toList();
        String findings = findings(day);
        String treatment = record.drugsOn(day).isEmpty() ? "当院では経過観察としております。"
                : "上記の処方にて外来で加療しております。服薬アドヒアランスは良好です。";
        List<String> allergies = drugAllergies.stream().map(a -> a.substance() + "（" + a.reaction() + "）").toList();
        boolean undisclosed = reason.map(Condition::undisclosed).orElse(false);
        List<SensitiveLabel> labels = known.stream().flatMap(c -> c.labels().stream()).distinct().toList();
        record.document(from, Documents.referral(new Documents.Referral(from, to, department, day, purpose, diagnoses,
                history(), findings, treatment, record.drugsOn(day), allergies)), undisclosed, labels);
    }

    private String findings(LocalDate day) {
        List<String> values = new ArrayList<>();
        for (Lab lab : List.of(HBA1C, LDL, CRE, EGFR, AST, ALT, HB, CRP, BNP, C3, DS_DNA, KL6)) {
            record.latest(lab, day).ifPresent(p -> values.add(lab.name() + " " + p.value() + lab.unit()));
        }
        return values.isEmpty() ? "外来にて経過観察しております。特記すべき検査異常はありません。"
                : "直近の検査結果：" + String.join("、", values) + "。";
    }

    private String history() {
        String smoking = sex == Sex.MALE && age >= 40 && chance(0.4) ? "喫煙歴：20本/日×" + (10 + random.nextInt(30))
                + "年（禁煙中）" : "喫煙歴：なし";
        String family = Weighted.<String>builder().add("家族歴：父 高血圧症、母 2型糖尿病", 3).add("家族歴：特記事項なし", 5)
                .add("家族歴：母 脳梗塞", 2).add("家族歴：父 胃癌", 2).build().draw(random);
        return smoking + "\n飲酒：" + (chance(0.5) ? "機会飲酒" : "なし") + "\n" + family;
    }

    /** The same drug from two facilities at once: what 重複処方 detection should find. */
    private void duplicatePrescription() {
        if (facilities.size() < 2 || !chance(0.05)) {
            return;
        }
        List<Drug> candidates = allowed(List.of(ZOLPIDEM, LOXOPROFEN, FEXOFENADINE, LANSOPRAZOLE, MAGNESIUM_OXIDE));
        Drug drug = candidates.get(random.nextInt(candidates.size()));
        LocalDate first = today.minusDays(30 + random.nextInt(90));
        for (int i = 0; i < 2; i++) {
            Facility facility = facilities.get(i);
            LocalDate day = first.plusDays(i * (3L + random.nextInt(10)));
            record.visit(facility, day);
            record.prescription(facility, drug, day, 28, List.of());
        }
    }

    /** A facility chosen for the patient but with nothing to show saw them at least once. */
    private void everyFacilityHasSeenThePatient() {
        for (Facility facility : List.copyOf(facilities)) {
            if (!record.seenAt(facility)) {
                LocalDate day = windowStart.plusDays(random.nextInt(WINDOW_DAYS));
                if (stays.stream().noneMatch(s -> s.covers(day))) {
                    acuteEpisode(facility, day);
                } else {
                    record.visit(facility, today.minusDays(1 + random.nextInt(30)));
                }
                if (facility.hospital() && chance(0.15)) {
                    Instant at = record.during(day.isBefore(today) ? day : today.minusDays(1));
                    record.infection(facility, HBS_AG, hepatitisB, at, List.of());
                    record.infection(facility, HCV_AB, hepatitisC, at, List.of());
                }
            }
        }
    }

    // ------------------------------------------------------------------ small helpers

    private boolean has(Disease disease) {
        return conditions.stream().anyMatch(c -> c.disease() == disease);
    }

    /** The drugs not ruled out by the patient's allergies. */
    private List<Drug> allowed(List<Drug> drugs) {
        return drugs.stream().filter(d -> drugAllergies.stream().noneMatch(a -> a.avoid().contains(d))).toList();
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    /** A calcium channel blocker or an ARB, and in a third of patients one of each. */
    private List<Drug> antihypertensives() {
        Drug first = pick(AMLODIPINE, NORVASC, CANDESARTAN, VALSARTAN);
        boolean calciumBlocker = first == AMLODIPINE || first == NORVASC;
        return chance(0.35) ? List.of(first, calciumBlocker ? pick(CANDESARTAN, VALSARTAN) : pick(AMLODIPINE, NORVASC))
                : List.of(first);
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** A probability by age band: <30, 30s, 40s, 50s, 60s, 70s, 80+. */
    private double band(double under30, double thirties, double forties, double fifties, double sixties,
            double seventies, double eighties) {
        if (age < 30) {
            return under30;
        }
        if (age < 40) {
            return thirties;
        }
        if (age < 50) {
            return forties;
        }
        if (age < 60) {
            return fifties;
        }
        if (age < 70) {
            return sixties;
        }
        return age < 80 ? seventies : eighties;
    }

    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }
}
