package jp.tsunagu.record.ui;

import java.util.Optional;
import java.util.UUID;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.DescriptionList.Description;
import com.vaadin.flow.component.html.DescriptionList.Term;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.identity.Role;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.record.Trends;
import jp.tsunagu.record.ItemTexts;
import jp.tsunagu.record.Allergy;
import jp.tsunagu.record.ClinicalDocument;
import jp.tsunagu.record.Code;
import jp.tsunagu.record.Diagnosis;
import jp.tsunagu.record.DocumentReader;
import jp.tsunagu.record.Encounter;
import jp.tsunagu.record.InfectionTest;
import jp.tsunagu.record.ItemId;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.MyItem;
import jp.tsunagu.record.MyRecord;
import jp.tsunagu.record.OtherResource;
import jp.tsunagu.record.PhrEntry;
import jp.tsunagu.record.Prescription;

/**
 * One item in full. The id in the address is only a key into the signed-in patient's own record: an
 * id of anybody else's item (or a made-up one) shows the same "not found" page as a deleted one.
 */
@Route("patient/item")
@RolesAllowed(Role.Names.PATIENT)
class ItemDetailView extends AddressedPage {

    private final MyRecord myRecord;

    ItemDetailView(MyRecord myRecord) {
        this.myRecord = myRecord;
        addClassName("tsunagu-detail");
    }

    @Override
    boolean show(String parameter) {
        Optional<MyItem> item = parse(parameter).flatMap(myRecord::item);
        item.ifPresent(this::show);
        return item.isPresent();
    }

    private static Optional<ItemId> parse(String parameter) {
        try {
            return Optional.of(new ItemId(UUID.fromString(parameter)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void show(MyItem item) {
        setTitle(ItemTexts.title(item.content()));
        var heading = new H1(getPageTitle());
        var top = new Div(heading);
        top.addClassName("tsunagu-detail-top");
        ItemRows.badge(item).ifPresent(top::add);
        var source = new Paragraph(ItemRows.provenance(item));
        source.addClassName("tsunagu-item-source");
        add(top, source);
        var facts = new DescriptionList();
        facts.addClassName("tsunagu-facts");
        switch (item.content()) {
            case Allergy a -> {
                fact(facts, "record.field.category", Optional.of(getTranslation(
                        "record.allergy.category." + a.allergyCategory().name())));
                fact(facts, "record.field.allergyType", a.type().map(t -> getTranslation("record.allergy.type." + t)));
                fact(facts, "record.field.criticality", a.criticality()
                        .map(c -> getTranslation("record.allergy.criticality." + c)));
                fact(facts, "record.field.reaction", a.reaction());
                fact(facts, "record.field.note", a.note());
            }
            case Diagnosis d -> {
                fact(facts, "record.field.status", d.clinicalStatus()
                        .map(s -> getTranslation("record.diagnosis.status." + s)));
                fact(facts, "record.field.onset", d.onsetText());
                fact(facts, "record.field.code", d.code().map(ItemDetailView::code));
                fact(facts, "record.field.note", d.note());
            }
            case Prescription p -> {
                fact(facts, "record.field.dose", p.doseText());
                fact(facts, "record.field.start", p.start().map(JapanTime::day));
                fact(facts, "record.field.end", p.end().map(JapanTime::day));
                fact(facts, "record.field.code", p.code().map(ItemDetailView::code));
            }
            case LabResult l -> {
                fact(facts, "record.field.value", Optional.of(ItemTexts.labValue(l)));
                fact(facts, "record.field.range", ItemTexts.referenceRange(l));
                fact(facts, "record.field.date", l.effectiveAt().map(JapanTime::day));
                fact(facts, "record.field.code", l.code().map(ItemDetailView::code));
            }
            case InfectionTest i -> {
                fact(facts, "record.field.result", Optional.of(i.result()));
                fact(facts, "record.field.date", i.effectiveAt().map(JapanTime::day));
            }
            case Encounter e -> {
                fact(facts, "record.field.ward", e.wardType());
                fact(facts, "record.field.start", e.start().map(JapanTime::day));
                fact(facts, "record.field.end", e.end().map(JapanTime::day));
            }
            case PhrEntry p -> {
                fact(facts, "record.field.value", Optional.of(ItemTexts.phrValue(p)).filter(v -> !v.isBlank()));
                fact(facts, "record.field.measuredAt", Optional.of(JapanTime.minute(p.measuredAt())));
                if (p.type() != PhrEntry.PhrType.NOTE && p.type() != PhrEntry.PhrType.SYMPTOM) {
                    fact(facts, "record.field.note", p.note());
                }
            }
            case ClinicalDocument d -> fact(facts, "record.field.documentType",
                    Optional.of(getTranslation("record.document." + d.type().name())));
            case OtherResource o -> fact(facts, "record.field.resourceType", Optional.of(o.resourceType()));
        }
        add(facts);
        if (item.content() instanceof LabResult lab) {
            var trend = new Section(new H2(getTranslation("record.lab.trendHeading")));
            trend.addClassName("tsunagu-section");
            Trends.lab(lab, myRecord.items().stream().map(MyItem::content).toList()).ifPresentOrElse(trend::add,
                    () -> trend.add(new Paragraph(getTranslation("record.lab.noTrend"))));
            add(trend);
        }
        if (item.content() instanceof ClinicalDocument document) {
            add(new DocumentReader(document, 2));
        }
        if (item.content() instanceof PhrEntry) {
            add(new RouterLink(getTranslation("patient.measurements.open"), MeasurementsView.class));
        }
    }

    private void fact(DescriptionList facts, String key, Optional<String> value) {
        value.filter(v -> !v.isBlank()).ifPresent(v -> facts.add(new Term(getTranslation(key)), new Description(v)));
    }

    private static String code(Code code) {
        String system = switch (code.system()) {
            case Code.ICD10 -> "ICD-10";
            case Code.JLAC10 -> "JLAC10";
            case Code.LOINC -> "LOINC";
            case Code.YJ -> "YJ";
            case Code.HOT9 -> "HOT9";
            default -> "";
        };
        return (system.isEmpty() ? "" : system + " ") + code.code();
    }
}
