package jp.tsunagu.record.ui;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.vaadin.flow.i18n.I18NProvider;
import jp.tsunagu.record.Allergy;
import jp.tsunagu.record.ClinicalDocument;
import jp.tsunagu.record.Diagnosis;
import jp.tsunagu.record.Encounter;
import jp.tsunagu.record.InfectionTest;
import jp.tsunagu.record.ItemContent;
import jp.tsunagu.record.LabNames;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.MyItem;
import jp.tsunagu.record.OtherResource;
import jp.tsunagu.record.PhrEntry;
import jp.tsunagu.record.Prescription;
import jp.tsunagu.shared.JapanTime;

/** How an item reads to its patient: a title, one line of detail, and where and when it came from. */
final class ItemTexts {

    private ItemTexts() {
    }

    static String t(String key, Object... arguments) {
        return I18NProvider.translate(key, arguments);
    }

    static String title(ItemContent content) {
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
    static String detail(ItemContent content) {
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

    static String labValue(LabResult lab) {
        String value = lab.value().map(ItemTexts::plain).or(lab::valueText).orElse("—");
        return value + lab.unit().map(u -> " " + u).orElse("");
    }

    static Optional<String> referenceRange(LabResult lab) {
        if (lab.referenceLow().isEmpty() && lab.referenceHigh().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(lab.referenceLow().map(ItemTexts::plain).orElse("") + "〜"
                + lab.referenceHigh().map(ItemTexts::plain).orElse(""));
    }

    static String phrValue(PhrEntry entry) {
        String unit = entry.unit().map(u -> " " + u).orElse("");
        return switch (entry.type()) {
            case BLOOD_PRESSURE -> entry.value1().map(ItemTexts::plain).orElse("—") + "/"
                    + entry.value2().map(ItemTexts::plain).orElse("—") + unit;
            case SYMPTOM, NOTE -> entry.note().orElse("");
            default -> entry.value1().map(ItemTexts::plain).orElse("—") + unit;
        };
    }

    /** "東京中央病院・2025/03/04", or who of the patient's own hand it came from. */
    static String provenance(MyItem item) {
        String who = switch (item.provenance().by()) {
            case ORGANISATION -> item.provenance().organisation().orElse(t("record.source.unknown"));
            case PATIENT_ENTERED -> t("record.source.entered");
            case PATIENT_UPLOADED -> t("record.source.uploaded");
        };
        return who + "・" + (item.content() instanceof PhrEntry ? minute(item.date()) : day(item.date()));
    }

    static String day(Instant instant) {
        return JapanTime.day(instant);
    }

    static String day(LocalDate date) {
        return JapanTime.day(date);
    }

    static String minute(Instant instant) {
        return JapanTime.minute(instant);
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static Optional<String> period(Optional<LocalDate> start, Optional<LocalDate> end) {
        if (start.isEmpty() && end.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(start.map(ItemTexts::day).orElse("") + "〜" + end.map(ItemTexts::day).orElse(""));
    }
}
