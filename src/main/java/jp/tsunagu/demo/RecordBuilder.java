package jp.tsunagu.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import jp.tsunagu.demo.Facilities.Facility;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.PatientDetails;
import jp.tsunagu.directory.Sex;
import jp.tsunagu.record.Allergy;
import jp.tsunagu.record.ClinicalDocument;
import jp.tsunagu.record.Code;
import jp.tsunagu.record.Diagnosis;
import jp.tsunagu.record.Encounter;
import jp.tsunagu.record.InfectionTest;
import jp.tsunagu.record.ItemContent;
import jp.tsunagu.record.ItemKind;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.PhrEntry;
import jp.tsunagu.record.Prescription;
import jp.tsunagu.record.SensitiveLabel;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shared.PersonName;
import jp.tsunagu.shared.Prefecture;

/**
 * Collects one patient's items with their sources and local ids ("P0000123-lab-7"), remembers when
 * each organisation first saw the patient (the care relationship's start) and keeps the lab values
 * and prescriptions written so far, which the documents quote.
 */
final class RecordBuilder {

    static final DateTimeFormatter JAPANESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    record LabPoint(Catalog.Lab lab, LocalDate date, String value) {
    }

    record Issued(Facility facility, Catalog.Drug drug, LocalDate start, LocalDate end) {
    }

    final String key;
    final SplittableRandom random;
    final LocalDate today;
    final Sex sex;
    final LocalDate birth;
    private final List<SyntheticItem> items = new ArrayList<>();
    private final Map<ItemKind, Integer> counters = new EnumMap<>(ItemKind.class);
    private final Map<String, Instant> careSince = new LinkedHashMap<>();
    private final Map<String, Facility> facilities = new LinkedHashMap<>();
    final List<LabPoint> labHistory = new ArrayList<>();
    final List<Issued> prescriptions = new ArrayList<>();

    RecordBuilder(String key, SplittableRandom random, LocalDate today, Sex sex, LocalDate birth) {
        this.key = key;
        this.random = random;
        this.today = today;
        this.sex = sex;
        this.birth = birth;
    }

    int age(LocalDate on) {
        return java.time.Period.between(birth, on).getYears();
    }

    /** A moment during consultation hours (9:00-16:30 in Japan) on that day. */
    Instant during(LocalDate date) {
        return JapanTime.startOfDay(date).plus(Duration.ofMinutes(9 * 60 + random.nextInt(450)));
    }

    Instant encounter(Facility facility, Encounter.EncounterClass type, String status, Optional<String> ward,
            Instant start, Optional<Instant> end) {
        add(facility, new Encounter(type, status, ward, Optional.of(start), end), false, List.of());
        return start;
    }

    /** An outpatient visit of 10 to 40 minutes. */
    Instant visit(Facility facility, LocalDate date) {
        Instant start = during(date);
        return encounter(facility, Encounter.EncounterClass.AMB, "finished", Optional.empty(), start,
                Optional.of(start.plus(Duration.ofMinutes(10 + random.nextInt(31)))));
    }

    void diagnosis(Facility facility, Catalog.Disease disease, LocalDate onset, String status, boolean monthOnly,
            Optional<String> note, boolean undisclosed, List<SensitiveLabel> labels) {
        LocalDate first = monthOnly ? onset.withDayOfMonth(1) : onset;
        String onsetText = monthOnly ? String.format("%04d-%02d", onset.getYear(), onset.getMonthValue())
                : onset.toString();
        add(facility, new Diagnosis(disease.name(), Optional.of(Code.of(Code.ICD10, disease.icd10(), disease.name())),
                Optional.of(disease.icd10()), Optional.of(status), Optional.of("confirmed"), Optional.of(onsetText),
                Optional.of(first), note), undisclosed, labels);
    }

    void prescription(Facility facility, Catalog.Drug drug, LocalDate start, int days, List<SensitiveLabel> labels) {
        LocalDate end = start.plusDays(days - 1L);
        add(facility, new Prescription(drug.name(), drug.code(), Optional.of(drug.doseText() + " " + days + "日分"),
                Optional.of(drug.dose()), Optional.of(drug.unit()), Optional.of(start), Optional.of(end),
                Optional.of(end.isBefore(today) ? "completed" : "active")), false, labels);
        prescriptions.add(new Issued(facility, drug, start, end));
    }

    void lab(Facility facility, Catalog.Lab lab, double value, Instant at, boolean undisclosed) {
        LabResult result = lab.result(value, sex, at);
        add(facility, result, undisclosed, List.of());
        labHistory.add(new LabPoint(lab, JapanTime.dateOf(at), result.value().orElseThrow().toPlainString()));
    }

    void labText(Facility facility, Catalog.Lab lab, String value, boolean abnormal, Instant at) {
        add(facility, lab.text(value, abnormal, at), false, List.of());
        labHistory.add(new LabPoint(lab, JapanTime.dateOf(at), value));
    }

    void infection(Facility facility, Catalog.Infection test, boolean positive, Instant at,
            List<SensitiveLabel> labels) {
        String result = test == Catalog.SARS_COV_2 ? (positive ? "検出" : "検出せず") : (positive ? "陽性" : "陰性");
        add(facility, new InfectionTest(test.name(), Optional.of(test.code()), result, Optional.of(positive),
                Optional.of(at)), false, labels);
    }

    void allergy(Facility facility, String substance, Allergy.AllergyCategory category, String type,
            String criticality, String reaction, Optional<String> note, Instant recorded) {
        add(facility, new Allergy(substance, Optional.empty(), category, Optional.of(type), Optional.of(criticality),
                Optional.of("active"), Optional.of(reaction), note, Optional.of(recorded)), false, List.of());
    }

    void document(Facility facility, ClinicalDocument document, boolean undisclosed, List<SensitiveLabel> labels) {
        add(facility, document, undisclosed, labels);
    }

    /** What the patient entered on their phone: no organisation. */
    void phr(PhrEntry entry) {
        items.add(item(Optional.empty(), entry, false, List.of()));
    }

    /** The latest value of a test on or before a day, for the documents. */
    Optional<LabPoint> latest(Catalog.Lab lab, LocalDate onOrBefore) {
        return labHistory.stream().filter(p -> p.lab() == lab && !p.date().isAfter(onOrBefore))
                .max(Comparator.comparing(LabPoint::date));
    }

    /** Drugs prescribed around that day (the 現在の処方 of a letter), without repeats. */
    List<Catalog.Drug> drugsOn(LocalDate date) {
        return prescriptions.stream().filter(p -> !p.start().isAfter(date) && !p.end().isBefore(date.minusDays(60)))
                .map(Issued::drug).distinct().toList();
    }

    boolean seenAt(Facility facility) {
        return facilities.containsKey(facility.code());
    }

    Optional<Instant> firstContact(Facility facility) {
        return Optional.ofNullable(careSince.get(facility.code()));
    }

    List<Facility> facilitiesSeen() {
        return List.copyOf(facilities.values());
    }

    SyntheticPatient build(PersonName name, Prefecture prefecture, Optional<String> postalCode,
            Optional<String> address, Optional<String> phone, Optional<String> email, long localNumberSeed) {
        List<Identifier> identifiers = new ArrayList<>();
        identifiers.add(new Identifier(SyntheticPopulation.SYSTEM, key));
        for (Facility facility : facilities.values()) {
            // Each hospital numbers its patients its own way. Within one hospital the number is a bijection
            // of the patient's (7919 shares no factor with 10^8), so two patients never get the same one.
            long number = Math.floorMod(localNumberSeed * 7919L + Long.parseLong(facility.code()) * 104_729L,
                    100_000_000L);
            identifiers.add(Identifier.localPatient(facility.code(), String.format("%08d", number)));
        }
        PatientDetails details = new PatientDetails(name, birth, sex, Optional.of(prefecture), postalCode, address,
                phone, email, identifiers);
        List<SyntheticPatient.Care> care = facilities.values().stream()
                .map(f -> new SyntheticPatient.Care(f.code(), careSince.get(f.code()))).toList();
        return new SyntheticPatient(key, details, care, items);
    }

    /** The facility has treated the patient since that day, before anything in the record shows it. */
    void treatingSince(Facility facility, LocalDate since) {
        careSince.merge(facility.code(), JapanTime.startOfDay(since), (a, b) -> a.isBefore(b) ? a : b);
    }

    private void add(Facility facility, ItemContent content, boolean undisclosed, List<SensitiveLabel> labels) {
        facilities.putIfAbsent(facility.code(), facility);
        // A diagnosis dates the disease, not the first contact: another facility may have found it.
        if (!(content instanceof Diagnosis)) {
            content.effectiveAt().ifPresent(at -> careSince.merge(facility.code(), at, (a, b) -> a.isBefore(b) ? a : b));
        }
        careSince.putIfAbsent(facility.code(), JapanTime.startOfDay(today.minusDays(1)));
        items.add(item(Optional.of(facility.code()), content, undisclosed, labels));
    }

    private SyntheticItem item(Optional<String> organisation, ItemContent content, boolean undisclosed,
            List<SensitiveLabel> labels) {
        int n = counters.merge(content.kind(), 1, Integer::sum);
        String localId = key + "-" + prefix(content.kind()) + "-" + n;
        return new SyntheticItem(organisation, resourceType(content.kind()), localId, content, undisclosed, labels);
    }

    static String resourceType(ItemKind kind) {
        return switch (kind) {
            case ENCOUNTER -> "Encounter";
            case DIAGNOSIS -> "Condition";
            case ALLERGY -> "AllergyIntolerance";
            case INFECTION_TEST, LAB_RESULT, PHR_ENTRY -> "Observation";
            case PRESCRIPTION -> "MedicationRequest";
            case DOCUMENT -> "Composition";
            case OTHER -> "Basic";
        };
    }

    private static String prefix(ItemKind kind) {
        return switch (kind) {
            case ENCOUNTER -> "enc";
            case DIAGNOSIS -> "dx";
            case ALLERGY -> "alg";
            case INFECTION_TEST -> "inf";
            case LAB_RESULT -> "lab";
            case PRESCRIPTION -> "rx";
            case DOCUMENT -> "doc";
            case PHR_ENTRY -> "phr";
            case OTHER -> "oth";
        };
    }

    static BigDecimal decimal(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, java.math.RoundingMode.HALF_UP);
    }
}
