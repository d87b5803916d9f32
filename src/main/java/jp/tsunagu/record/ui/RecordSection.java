package jp.tsunagu.record.ui;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.tsunagu.record.Allergy;
import jp.tsunagu.record.ClinicalDocument;
import jp.tsunagu.record.Diagnosis;
import jp.tsunagu.record.Encounter;
import jp.tsunagu.record.InfectionTest;
import jp.tsunagu.record.ItemContent;
import jp.tsunagu.record.LabNames;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.MyItem;
import jp.tsunagu.record.Prescription;

/**
 * The parts of the record a patient browses, in the order of the home page: safety first. Each knows
 * which items it holds and which of them the home page highlights.
 */
enum RecordSection {
    ALLERGIES("allergies", Allergy.class),
    DIAGNOSES("diagnoses", Diagnosis.class),
    PRESCRIPTIONS("prescriptions", Prescription.class),
    LABS("labs", LabResult.class),
    DOCUMENTS("documents", ClinicalDocument.class),
    INFECTIONS("infections", InfectionTest.class),
    VISITS("visits", Encounter.class);

    private final String slug;
    private final Class<? extends ItemContent> kind;

    RecordSection(String slug, Class<? extends ItemContent> kind) {
        this.slug = slug;
        this.kind = kind;
    }

    String slug() {
        return slug;
    }

    String titleKey() {
        return "patient.section." + slug;
    }

    static Optional<RecordSection> ofSlug(String slug) {
        return Arrays.stream(values()).filter(s -> s.slug.equals(slug)).findFirst();
    }

    /** Every item of this section, newest first; allergies to drugs before the others. */
    List<MyItem> all(List<MyItem> items) {
        var mine = items.stream().filter(i -> kind.isInstance(i.content()));
        if (this == ALLERGIES) {
            mine = mine.sorted(Comparator.comparing((MyItem i) -> ((Allergy) i.content()).allergyCategory()
                    != Allergy.AllergyCategory.MEDICATION));
        }
        if (this == LABS) {
            // What needs a look comes first: results outside their range, then the newest of each test.
            return latestPerTest(mine.toList()).stream().sorted(Comparator.comparing((MyItem i) ->
                    !((LabResult) i.content()).outOfRange().orElse(false))).toList();
        }
        return mine.toList();
    }

    /**
     * The items as the patient reads them, one row per thing: the same diagnosis sent by two hospitals
     * is one row naming both (grouped by its code, else its name), newest first within the row. Every
     * other item is a row of its own.
     */
    List<List<MyItem>> rows(List<MyItem> items) {
        if (this != DIAGNOSES) {
            return items.stream().map(List::of).toList();
        }
        Map<String, List<MyItem>> byDiagnosis = new LinkedHashMap<>();
        for (MyItem item : items) {
            Diagnosis d = (Diagnosis) item.content();
            String key = d.code().map(c -> c.system() + "|" + c.code()).orElse("name|" + d.name().strip());
            byDiagnosis.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(item);
        }
        return byDiagnosis.values().stream()
                .map(group -> group.stream().sorted(Comparator.comparing(MyItem::date).reversed()).toList()).toList();
    }

    /** What the home page shows of this section. */
    List<MyItem> highlights(List<MyItem> items, LocalDate today) {
        List<MyItem> all = all(items);
        return switch (this) {
            case ALLERGIES -> all.stream().filter(i -> ((Allergy) i.content()).clinicalStatus()
                    .filter(s -> s.equals("inactive") || s.equals("resolved")).isEmpty()).toList();
            case DIAGNOSES -> all.stream().filter(i -> ((Diagnosis) i.content()).active()).limit(8).toList();
            case PRESCRIPTIONS -> all.stream().filter(i -> ((Prescription) i.content()).currentOn(today)).toList();
            case LABS -> all.stream().limit(6).toList();
            case DOCUMENTS -> all.stream().limit(3).toList();
            case INFECTIONS, VISITS -> all.stream().limit(3).toList();
        };
    }

    /** The newest result of each test; the list links to the test's trend. */
    private static List<MyItem> latestPerTest(List<MyItem> labs) {
        Map<String, MyItem> latest = new LinkedHashMap<>();
        labs.stream().sorted(Comparator.comparing(MyItem::date).reversed()
                        .thenComparing(i -> LabNames.japanese((LabResult) i.content())))
                .forEach(i -> latest.putIfAbsent(LabNames.seriesKey((LabResult) i.content()), i));
        return List.copyOf(latest.values());
    }
}
