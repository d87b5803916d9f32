package jp.tsunagu.insights;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jp.tsunagu.consent.Purpose;
import jp.tsunagu.consent.PurposeConsents;
import jp.tsunagu.directory.DirectoryFacts;
import jp.tsunagu.directory.Organisation;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.record.Countable;
import jp.tsunagu.record.CountableFacts;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.record.StatisticalDuplicate;
import jp.tsunagu.research.Disclosure;
import jp.tsunagu.research.PublicRelease;
import jp.tsunagu.research.Released;
import jp.tsunagu.research.ResearchFigures;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shared.Prefecture;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes {@link PublicFigures} from the record's countable facts and the directory (as the system, in one
 * read-only transaction); insights has no SQL of its own over other modules' tables. Statistics
 * about people leave out those who opted out of public-health use; every count of people goes through the
 * privacy floor, tables with complementary suppression against their totals.
 */
@Component
class FigureCalculator {

    static final int TREND_DAYS = 30;
    static final int WEEKS = 8;

    private final CountableFacts facts;
    private final DirectoryFacts directory;
    private final PurposeConsents consents;
    private final ResearchFigures research;
    private final InsightsProperties properties;

    FigureCalculator(CountableFacts facts, DirectoryFacts directory, PurposeConsents consents,
            ResearchFigures research, InsightsProperties properties) {
        this.facts = facts;
        this.directory = directory;
        this.consents = consents;
        this.research = research;
        this.properties = properties;
    }

    /**
     * One way a table's cell leaves: as its suppression decided, adjusted when shown (the release ledger's
     * batch in production; the identity in tests of the tables' suppression alone).
     */
    interface Shown {
        Released cell(String label, Released decided, Collection<PatientId> people);
    }

    @Transactional(readOnly = true)
    PublicFigures compute(Instant now, PublicRelease.Batch batch) {
        LocalDate today = JapanTime.dateOf(now);
        Shown shown = batch::people;
        Set<PatientId> optedOut = optedOut(Purpose.PUBLIC_HEALTH, now);
        Map<String, Released> figures = new LinkedHashMap<>();
        long patients = directory.patientCount();

        // 医療の質: allergies visible across hospitals, documents hospitals shared.
        Set<PatientId> allergies = new HashSet<>(facts.patientsWithDrugAllergies());
        allergies.removeAll(optedOut);
        Set<PatientId> sharing = new HashSet<>(consents.sharingForTreatment(RecordCategory.DRUG_ALLERGY, now));
        figures.put("quality.allergyPatients", batch.people("quality.allergyPatients", allergies));
        figures.put("quality.allergiesShared", batch.people("quality.allergiesShared",
                allergies.stream().filter(sharing::contains).toList()));
        List<PatientId> documents = facts.documentsFromHospitals().stream().filter(p -> !optedOut.contains(p)).toList();
        figures.put("quality.documents", batch.count("quality.documents", Released.of(documents.size()),
                documents.size(), documents));
        figures.put("quality.documentPatients", batch.people("quality.documentPatients", documents));

        // 医療の技術革新: who takes part in which purpose, what research asked and got.
        figures.put("innovation.trialOptIn", batch.people("innovation.trialOptIn",
                consents.exceptions(Purpose.TRIAL_RECRUITMENT, now).entrySet().stream()
                        .filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList()));
        for (Purpose purpose : List.of(Purpose.RESEARCH, Purpose.POST_MARKET, Purpose.PUBLIC_HEALTH)) {
            figures.put("innovation.allowed." + purpose.name(), batch.everyoneBut("innovation.allowed." + purpose.name(),
                    patients, optedOut(purpose, now)));
        }
        ResearchFigures.Activity activity = research.activity();
        figures.put("innovation.queriesAnswered", Released.of(activity.queriesAnswered()));
        figures.put("innovation.invitationsSent", Released.of(activity.invitationsSent()));
        figures.put("innovation.invitationsAccepted", Released.of(activity.invitationsAccepted()));

        // 医療資源: beds in use now and over 30 days, positive tests per week.
        List<Organisation> hospitals = directory.hospitalsWithBeds();
        List<Countable.Stay> stays = facts.inpatients(today.minusDays(TREND_DAYS - 1L), today).stream()
                .filter(s -> !optedOut.contains(s.patient())).toList();
        Beds beds = beds(hospitals, stays, today, shown);
        figures.put("resources.inpatients", beds.national());
        figures.put("resources.licensedBeds", Released.of(beds.licensed()));
        LocalDate thisWeek = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<LocalDate> weeks = new ArrayList<>();
        for (int w = WEEKS - 1; w >= 0; w--) {
            weeks.add(thisWeek.minusWeeks(w));
        }
        List<Positive> positives = positives(facts.positiveInfectionTests(JapanTime.startOfDay(weeks.getFirst()))
                .stream().filter(p -> !optedOut.contains(p.patient())).toList());
        Infections infections = infections(weeks, positives, shown);
        figures.put("resources.positivesLastWeek", infections.totals().get(WEEKS - 2));

        // 持続可能性: the same drug or test from two hospitals within 30 days.
        LocalDate yearAgo = today.minusMonths(12).withDayOfMonth(1);
        List<StatisticalDuplicate> prescriptions = facts.statisticalDuplicatePrescriptions(yearAgo).stream()
                .filter(d -> !optedOut.contains(d.patient())).toList();
        List<StatisticalDuplicate> tests = facts.statisticalDuplicateTests(yearAgo).stream()
                .filter(d -> !optedOut.contains(d.patient())).toList();
        // Months against the 12-month totals shown beside them: complementary suppression, as for any table.
        List<YearMonth> monthList = new ArrayList<>();
        for (YearMonth m = YearMonth.from(yearAgo); !m.isAfter(YearMonth.from(today)); m = m.plusMonths(1)) {
            monthList.add(m);
        }
        Disclosure.Table rxMonths = Disclosure.breakdown(prescriptions.size(), perMonth(monthList, prescriptions));
        Disclosure.Table labMonths = Disclosure.breakdown(tests.size(), perMonth(monthList, tests));
        List<PublicFigures.Month> months = new ArrayList<>();
        for (int i = 0; i < monthList.size(); i++) {
            YearMonth month = monthList.get(i);
            months.add(new PublicFigures.Month(month,
                    duplicates(batch, "sustainability.prescriptions:" + month, rxMonths.cells().get(i),
                            prescriptions.stream().filter(d -> YearMonth.from(d.day()).equals(month)).toList()),
                    duplicates(batch, "sustainability.tests:" + month, labMonths.cells().get(i),
                            tests.stream().filter(d -> YearMonth.from(d.day()).equals(month)).toList())));
        }
        Released rx = duplicates(batch, "sustainability.duplicatePrescriptions", rxMonths.total(), prescriptions);
        Released lab = duplicates(batch, "sustainability.duplicateTests", labMonths.total(), tests);
        figures.put("sustainability.duplicatePrescriptions", rx);
        figures.put("sustainability.duplicateTests", lab);
        figures.put("sustainability.duplicatePatients", batch.people("sustainability.duplicatePatients",
                java.util.stream.Stream.concat(prescriptions.stream(), tests.stream())
                        .map(StatisticalDuplicate::patient).toList()));
        OptionalLong estimate = rx.shown() && lab.shown()
                ? OptionalLong.of(rx.value().getAsLong() * properties.yenPerDuplicatePrescription()
                        + lab.value().getAsLong() * properties.yenPerDuplicateTest())
                : OptionalLong.empty();
        var cost = new PublicFigures.Cost(rx, lab, properties.yenPerDuplicatePrescription(),
                properties.yenPerDuplicateTest(), estimate);

        return new PublicFigures(now, figures, beds.prefectures(), beds.hospitals(), beds.trend(), weeks,
                infections.rows(), List.of(new PublicFigures.Infections(Optional.empty(), infections.totals())),
                months, cost, research.register());
    }

    /** Duplicates (events) as released: their count, adjusted by who they were about. */
    private static Released duplicates(PublicRelease.Batch batch, String label, Released decided,
            List<StatisticalDuplicate> events) {
        return batch.count(label, decided, events.size(), events.stream().map(StatisticalDuplicate::patient).toList());
    }

    private static List<Long> perMonth(List<YearMonth> months, List<StatisticalDuplicate> duplicates) {
        Map<YearMonth, Long> counts = duplicates.stream()
                .collect(Collectors.groupingBy(d -> YearMonth.from(d.day()), Collectors.counting()));
        return months.stream().map(m -> counts.getOrDefault(m, 0L)).toList();
    }

    private Set<PatientId> optedOut(Purpose purpose, Instant now) {
        return consents.exceptions(purpose, now).entrySet().stream().filter(e -> e.getValue().isEmpty())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** A positive test by the sending hospital's prefecture (empty: unknown) and week. */
    record Positive(PatientId patient, Optional<Integer> prefecture, LocalDate week) {
    }

    /** The sending hospitals' prefectures, from the directory. */
    private List<Positive> positives(List<Countable.Positive> tests) {
        Map<OrganisationId, Organisation> hospitals = directory.organisations(tests.stream()
                .flatMap(t -> t.hospital().stream()).collect(Collectors.toSet()));
        return tests.stream().map(t -> new Positive(t.patient(), t.hospital().map(hospitals::get)
                .flatMap(h -> h.details().prefecture()).map(Prefecture::code), t.week())).toList();
    }

    record Beds(Released national, long licensed, List<PublicFigures.Beds> prefectures,
            List<PublicFigures.Beds> hospitals, List<PublicFigures.Day> trend) {
    }

    /**
     * Inpatients now by prefecture (complementary suppression against the national total) and by hospital
     * (against their prefecture's total; all hidden where the prefecture is), and the national trend.
     */
    static Beds beds(List<Organisation> hospitals, List<Countable.Stay> stays, LocalDate today, Shown shown) {
        Map<OrganisationId, Long> now = stays.stream().filter(s -> s.day().equals(today))
                .collect(Collectors.groupingBy(Countable.Stay::hospital, Collectors.counting()));
        Map<Integer, List<Organisation>> byPrefecture = new TreeMap<>(hospitals.stream()
                .collect(Collectors.groupingBy(h -> h.details().prefecture().map(Prefecture::code).orElse(0))));
        long licensed = hospitals.stream().mapToLong(FigureCalculator::licensedBeds).sum();
        List<Integer> codes = new ArrayList<>(byPrefecture.keySet());
        List<Long> prefectureCounts = codes.stream().map(c -> byPrefecture.get(c).stream()
                .mapToLong(h -> now.getOrDefault(h.id(), 0L)).sum()).toList();
        long national = prefectureCounts.stream().mapToLong(Long::longValue).sum();
        Disclosure.Table table = Disclosure.breakdown(national, prefectureCounts);
        List<PublicFigures.Beds> prefectures = new ArrayList<>();
        List<PublicFigures.Beds> hospitalRows = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            List<Organisation> here = byPrefecture.get(codes.get(i));
            long beds = here.stream().mapToLong(FigureCalculator::licensedBeds).sum();
            Released inpatients = shown.cell("resources.inpatients:" + today + ":" + codes.get(i),
                    table.cells().get(i), stays.stream().filter(s -> s.day().equals(today)
                            && here.stream().anyMatch(h -> h.id().equals(s.hospital()))).map(Countable.Stay::patient)
                            .toList());
            Optional<Prefecture> prefecture = Prefecture.ofCode(codes.get(i));
            prefectures.add(new PublicFigures.Beds(prefecture.map(Prefecture::japaneseName).orElse(""), prefecture,
                    here.size(), beds, inpatients, share(inpatients, beds)));
            List<Long> cells = here.stream().map(h -> now.getOrDefault(h.id(), 0L)).toList();
            Disclosure.Table inside = inpatients.shown() ? Disclosure.breakdown(prefectureCounts.get(i), cells) : null;
            for (int h = 0; h < here.size(); h++) {
                OrganisationId hospital = here.get(h).id();
                Released r = inside != null ? shown.cell("resources.inpatients:" + today + ":" + hospital,
                        inside.cells().get(h), stays.stream().filter(s -> s.day().equals(today)
                                && s.hospital().equals(hospital)).map(Countable.Stay::patient).toList())
                        : cells.get(h) == 0 ? Released.of(0) : Released.hiddenToProtectOthers();
                hospitalRows.add(new PublicFigures.Beds(here.get(h).name(), prefecture, 1, licensedBeds(here.get(h)),
                        r, share(r, licensedBeds(here.get(h)))));
            }
        }
        Map<LocalDate, Long> byDay = stays.stream()
                .collect(Collectors.groupingBy(Countable.Stay::day, TreeMap::new, Collectors.counting()));
        List<PublicFigures.Day> trend = new ArrayList<>();
        for (int d = TREND_DAYS - 1; d >= 0; d--) {
            LocalDate day = today.minusDays(d);
            Released r = shown.cell("resources.inpatients:" + day, Released.of(byDay.getOrDefault(day, 0L)),
                    stays.stream().filter(s -> s.day().equals(day)).map(Countable.Stay::patient).toList());
            trend.add(new PublicFigures.Day(day, r, share(r, licensed)));
        }
        Released nationalNow = shown.cell("resources.inpatients:" + today, table.total(),
                stays.stream().filter(s -> s.day().equals(today)).map(Countable.Stay::patient).toList());
        return new Beds(nationalNow, licensed, prefectures, hospitalRows, trend);
    }

    private static int licensedBeds(Organisation hospital) {
        return hospital.details().licensedBeds().orElse(0);
    }

    private static OptionalDouble share(Released inpatients, long beds) {
        return inpatients.shown() && beds > 0 ? OptionalDouble.of(100.0 * inpatients.value().getAsLong() / beds)
                : OptionalDouble.empty();
    }

    record Infections(List<PublicFigures.Infections> rows, List<Released> totals) {
    }

    /** Per week, prefectures with complementary suppression against the week's total; rows with anything to say. */
    static Infections infections(List<LocalDate> weeks, List<Positive> positives, Shown shown) {
        Map<Integer, List<Released>> rows = new TreeMap<>();
        List<Released> totals = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        for (int c = 0; c <= 47; c++) {
            codes.add(c);
        }
        for (int w = 0; w < weeks.size(); w++) {
            LocalDate week = weeks.get(w);
            Map<Integer, Long> counts = new HashMap<>();
            positives.stream().filter(p -> p.week().equals(week))
                    .forEach(p -> counts.merge(p.prefecture().orElse(0), 1L, Long::sum));
            List<Long> cells = codes.stream().map(c -> counts.getOrDefault(c, 0L)).toList();
            Disclosure.Table table = Disclosure.breakdown(cells.stream().mapToLong(Long::longValue).sum(), cells);
            List<Positive> thisWeek = positives.stream().filter(p -> p.week().equals(week)).toList();
            totals.add(shown.cell("resources.positives:" + week, table.total(),
                    thisWeek.stream().map(Positive::patient).toList()));
            for (int i = 0; i < codes.size(); i++) {
                int code = codes.get(i);
                rows.computeIfAbsent(code, k -> new ArrayList<>()).add(shown.cell("resources.positives:" + week + ":"
                        + code, table.cells().get(i), thisWeek.stream().filter(p -> p.prefecture().orElse(0) == code)
                        .map(Positive::patient).toList()));
            }
        }
        List<PublicFigures.Infections> withFigures = new ArrayList<>();
        rows.forEach((code, byWeek) -> {
            boolean anything = byWeek.stream().anyMatch(r -> !r.shown() || r.value().getAsLong() > 0);
            if (anything) {
                withFigures.add(new PublicFigures.Infections(Prefecture.ofCode(code), byWeek));
            }
        });
        return new Infections(withFigures, totals);
    }
}
