package jp.tsunagu.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.vaadin.flow.i18n.I18NProvider;
import jp.tsunagu.shared.JapanTime;

/**
 * How an item reads on a screen, for the patient's and the clinician's pages alike: a title and one line
 * of detail, in the reader's language (texts from the i18n bundle; names and values as the source sent
 * them).
 */
public final class ItemTexts {

    private ItemTexts() {
    }

    public static String t(String key, Object... arguments) {
        return I18NProvider.translate(key, arguments);
    }

    public static String title(ItemContent content) {
        return switch (content) {
            case Allergy a -> a.substance();
            case Diagnosis d -> d.name();
            case Prescription p -> p.drugName();
            case LabResult l -> LabNames.japanese(l);
            case ClinicalDocument d -> d.title();
            case InfectionTest i -> i.name();
            case Encounter e -> t("record.encounter." + e.encounterClass().name());
            case PhrEntry p -> t("phr.type." + p.type().name());
            case OtherResource o -> o.summary().orElse(o.resourceType());
        };
    }

    /** One line under the title; empty when there is nothing more to say. */
    public static String detail(ItemContent content) {
        List<String> parts = new ArrayList<>();
        switch (content) {
            case Allergy a -> {
                parts.add(t("record.allergy.category." + a.allergyCategory().name()));
                a.reaction().ifPresent(parts::add);
                if (a.criticality().filter("high"::equals).isPresent()) {
                    parts.add(t("record.allergy.critical"));
                }
            }
            case Diagnosis d -> {
                d.onsetText().ifPresent(onset -> parts.add(t("record.diagnosis.onset", onset)));
                d.clinicalStatus().ifPresent(s -> parts.add(t("record.diagnosis.status." + s)));
            }
            case Prescription p -> {
                p.doseText().ifPresent(parts::add);
                period(p.start(), p.end()).ifPresent(parts::add);
            }
            case LabResult l -> parts.add(labValue(l));
            case ClinicalDocument d -> parts.add(t("record.document." + d.type().name()));
            case InfectionTest i -> parts.add(i.result());
            case Encounter e -> {
                e.wardType().ifPresent(parts::add);
                period(e.start().map(JapanTime::dateOf), e.end().map(JapanTime::dateOf)).ifPresent(parts::add);
            }
            case PhrEntry p -> parts.add(phrValue(p));
            case OtherResource o -> parts.add(o.resourceType());
        }
        return String.join("・", parts.stream().filter(s -> !s.isBlank()).toList());
    }

    public static String labValue(LabResult lab) {
        String value = lab.value().map(ItemTexts::plain).or(lab::valueText).orElse("—");
        return value + lab.unit().map(u -> " " + u).orElse("");
    }

    public static Optional<String> referenceRange(LabResult lab) {
        if (lab.referenceLow().isEmpty() && lab.referenceHigh().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(lab.referenceLow().map(ItemTexts::plain).orElse("") + "〜"
                + lab.referenceHigh().map(ItemTexts::plain).orElse(""));
    }

    public static String phrValue(PhrEntry entry) {
        String unit = entry.unit().map(u -> " " + u).orElse("");
        return switch (entry.type()) {
            case BLOOD_PRESSURE -> entry.value1().map(ItemTexts::plain).orElse("—") + "/"
                    + entry.value2().map(ItemTexts::plain).orElse("—") + unit;
            case SYMPTOM, NOTE -> entry.note().orElse("");
            default -> entry.value1().map(ItemTexts::plain).orElse("—") + unit;
        };
    }

    public static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static Optional<String> period(Optional<LocalDate> start, Optional<LocalDate> end) {
        if (start.isEmpty() && end.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(start.map(jp.tsunagu.shared.JapanTime::day).orElse("") + "〜" + end.map(jp.tsunagu.shared.JapanTime::day).orElse(""));
    }
}
