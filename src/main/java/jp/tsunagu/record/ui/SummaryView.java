package jp.tsunagu.record.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.identity.Role;
import jp.tsunagu.record.ItemTexts;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.MyItem;
import jp.tsunagu.record.MyRecord;
import jp.tsunagu.shared.JapanTime;

/**
 * A summary to print or save as PDF from the browser and hand to a doctor or pharmacist: allergies,
 * current diagnoses, current medicines and the last year's lab results, each with its source. The print
 * style sheet drops the portal's frame and lets the tables run over as many pages as they need; every
 * page carries who it is about, when it was printed and its number, so a loose page still says whose it is.
 */
@Route("patient/summary")
@RolesAllowed(Role.Names.PATIENT)
class SummaryView extends VerticalLayout implements HasDynamicTitle {

    /** Lab results older than this stay out of the printed summary. */
    static final int LAB_MONTHS = 12;

    /** The printed pages' header, as CSS margin boxes: only a style sheet reaches the page margins. */
    private final Element pageHeader = new Element("style");
    private String patientLine = "";

    SummaryView(MyRecord myRecord, Directory directory) {
        addClassNames("tsunagu-page", "tsunagu-summary");
        var back = new RouterLink(getTranslation("patient.back"), PatientHomeView.class);
        var print = new Button(getTranslation("summary.print"), click -> {
            // The time on the pages is the time of printing, not of opening the page an hour ago.
            pageHeader.setText(pageHeaderCss(Instant.now()));
            getUI().ifPresent(ui -> ui.getPage().executeJs("window.print()"));
        });
        print.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        print.setId("summary-print");
        var tools = new Div(back, print);
        tools.addClassName("tsunagu-no-print");
        add(tools, new H1(getTranslation("summary.title")));

        LocalDate today = JapanTime.dateOf(Instant.now());
        directory.signedInPatient().ifPresent(patient -> {
            patientLine = getTranslation("summary.pageHeader", patient.details().name().display(),
                    JapanTime.day(patient.details().birthDate()));
            add(new Paragraph(getTranslation("summary.patient", patient.details().name().display(),
                    JapanTime.day(patient.details().birthDate()), JapanTime.day(today))));
        });
        pageHeader.setText(pageHeaderCss(Instant.now()));
        getElement().appendChild(pageHeader);
        List<MyItem> items = myRecord.items();
        add(table("summary.allergies", RecordSection.ALLERGIES.highlights(items, today),
                List.of("summary.col.substance", "summary.col.detail", "summary.col.source"),
                List.of(i -> ItemTexts.title(i.content()), i -> ItemTexts.detail(i.content()), ItemRows::provenance)));
        add(table("summary.diagnoses", RecordSection.DIAGNOSES.all(items).stream()
                        .filter(i -> ((jp.tsunagu.record.Diagnosis) i.content()).active()).toList(),
                List.of("summary.col.diagnosis", "summary.col.detail", "summary.col.source"),
                List.of(i -> ItemTexts.title(i.content()), i -> ItemTexts.detail(i.content()), ItemRows::provenance)));
        add(table("summary.prescriptions", RecordSection.PRESCRIPTIONS.highlights(items, today),
                List.of("summary.col.drug", "summary.col.dose", "summary.col.source"),
                List.of(i -> ItemTexts.title(i.content()), i -> ItemTexts.detail(i.content()), ItemRows::provenance)));
        Instant since = JapanTime.startOfDay(today.minusMonths(LAB_MONTHS));
        add(table("summary.labs", RecordSection.LABS.all(items).stream()
                        .filter(i -> i.date().isAfter(since)).toList(),
                List.of("summary.col.test", "summary.col.value", "summary.col.range", "summary.col.source"),
                List.of(i -> ItemTexts.title(i.content()),
                        i -> ItemTexts.labValue((LabResult) i.content())
                                + (((LabResult) i.content()).outOfRange().orElse(false)
                                        ? " " + getTranslation("record.lab.outOfRange") : ""),
                        i -> ItemTexts.referenceRange((LabResult) i.content()).orElse("—"),
                        ItemRows::provenance)));
        add(new Paragraph(getTranslation("summary.footer")));
    }

    private Section table(String titleKey, List<MyItem> items, List<String> headers,
            List<Function<MyItem, String>> columns) {
        var section = new Section(new H2(getTranslation(titleKey)));
        section.addClassName("tsunagu-summary-section");
        if (items.isEmpty()) {
            section.add(new Paragraph(getTranslation("summary.none")));
            return section;
        }
        var table = new NativeTable();
        var head = new NativeTableRow();
        headers.forEach(h -> head.add(new NativeTableHeaderCell(getTranslation(h))));
        table.getHead().add(head);
        NativeTableBody body = table.addBody();
        for (MyItem item : items) {
            var row = new NativeTableRow();
            columns.forEach(column -> row.add(new NativeTableCell(column.apply(item))));
            body.add(row);
        }
        section.add(table);
        return section;
    }

    private String pageHeaderCss(Instant printedAt) {
        return "@page { @top-left { content: " + cssString(patientLine) + "; }"
                + " @top-right { content: " + cssString(getTranslation("summary.printedAt",
                        JapanTime.minute(printedAt))) + "; } }";
    }

    /**
     * A CSS string with every character but letters, digits and spaces as a hexadecimal escape: a name
     * from a hospital's data can then never end the string or the rule it stands in.
     */
    static String cssString(String text) {
        var css = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            if (c < 128 && (Character.isLetterOrDigit(c) || c == ' ')) {
                css.appendCodePoint(c);
            } else {
                css.append('\\').append(Integer.toHexString(c)).append(' ');
            }
        });
        return css.append('"').toString();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("summary.title");
    }
}
