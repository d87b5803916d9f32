package jp.tsunagu.research.ui;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.identity.Role;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.research.Cohorts;
import jp.tsunagu.research.CriteriaJson;
import jp.tsunagu.research.Criterion;
import jp.tsunagu.research.Dimension;
import jp.tsunagu.research.InvalidCriteriaException;
import jp.tsunagu.research.QueryRefusedException;
import jp.tsunagu.research.Released;

/**
 * The sponsor's cohort builder: criteria in groups, a protected count or breakdown of the patients who
 * allow trial recruitment, definitions saved by name, exported and imported as JSON.
 */
@Route("sponsor/cohort")
@RolesAllowed(Role.Names.SPONSOR)
@Menu(title = "menu.sponsorCohort", order = 31, icon = "vaadin:group")
class CohortView extends VerticalLayout implements HasDynamicTitle {

    /** A definition file is a few kilobytes; anything much larger is not one. */
    private static final int IMPORT_LIMIT = 64 * 1024;

    private final Cohorts cohorts;
    private final CohortEditor editor;
    private final Paragraph budget = new Paragraph();
    private final Div result = new Div();
    private final Paragraph error = new Paragraph();
    private final Select<Cohorts.Saved> saved = new Select<>();
    private volatile String lastDefinition = "";

    CohortView(Cohorts cohorts) {
        this.cohorts = cohorts;
        addClassNames("tsunagu-page", "tsunagu-desk");
        editor = new CohortEditor(cohorts.vocabulary());
        editor.start();
        budget.setId("cohort-budget");
        budget.addClassName("tsunagu-note");
        result.setId("cohort-result");
        result.addClassName("cohort-result");
        error.setId("cohort-error");
        error.addClassName("tsunagu-error");
        error.setVisible(false);

        var count = new Button(getTranslation("research.count"), click -> count());
        count.setId("cohort-count");
        count.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var dimension = new Select<Dimension>();
        dimension.setItems(Dimension.values());
        dimension.setItemLabelGenerator(d -> getTranslation("research.dimension." + d.name()));
        dimension.setValue(Dimension.PREFECTURE);
        dimension.setId("cohort-dimension");
        dimension.setAriaLabel(getTranslation("research.breakdownBy"));
        var breakdown = new Button(getTranslation("research.breakdown"), click -> breakdown(dimension.getValue()));
        breakdown.setId("cohort-breakdown");
        var actions = new Div(count, dimension, breakdown);
        actions.addClassName("tsunagu-actions");

        add(new H1(getTranslation("menu.sponsorCohort")), new Paragraph(getTranslation("research.cohort.intro")),
                budget, editor, actions, error, result, definitions());
        showBudget();
    }

    private Div definitions() {
        var name = new TextField(getTranslation("research.saveName"));
        name.setId("cohort-save-name");
        name.setMaxLength(100);
        var save = new Button(getTranslation("research.save"), click -> {
            Optional<Criterion> definition = definition();
            if (definition.isEmpty()) {
                return;
            }
            try {
                cohorts.save(name.getValue(), definition.get());
                saved.setItems(cohorts.saved());
                show(getTranslation("research.saved", name.getValue().strip()));
            } catch (InvalidCriteriaException e) {
                fail(e);
            }
        });
        save.setId("cohort-save");
        saved.setLabel(getTranslation("research.savedList"));
        saved.setItemLabelGenerator(Cohorts.Saved::name);
        saved.setItems(cohorts.saved());
        saved.setId("cohort-saved");
        saved.setEmptySelectionAllowed(false);
        var load = new Button(getTranslation("research.load"), click -> Optional.ofNullable(saved.getValue())
                .ifPresent(s -> {
                    editor.set(s.definition());
                    name.setValue(s.name());
                }));
        load.setId("cohort-load");
        var export = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] bytes = lastDefinition.getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new java.io.ByteArrayInputStream(bytes), "tsunagu-cohort.json",
                    "application/json", bytes.length);
        }), getTranslation("research.export"));
        export.setId("cohort-export");
        Upload[] importer = new Upload[1];
        var upload = new Upload((UploadHandler) event -> {
            byte[] bytes;
            try (var in = event.getInputStream()) {
                bytes = in.readNBytes(IMPORT_LIMIT + 1);
            }
            event.getUI().access(() -> {
                importer[0].clearFileList(); // one file at a time, and the next one may follow
                if (bytes.length > IMPORT_LIMIT) {
                    fail(new InvalidCriteriaException("research.error.fileTooLarge", IMPORT_LIMIT / 1024));
                    return;
                }
                try {
                    editor.set(CriteriaJson.read(new String(bytes, StandardCharsets.UTF_8)));
                    show(getTranslation("research.imported"));
                } catch (InvalidCriteriaException e) {
                    fail(e);
                }
            });
        });
        importer[0] = upload;
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes("application/json", ".json");
        upload.setUploadButton(new Button(getTranslation("research.import")));
        upload.setDropLabel(new Span(getTranslation("research.importDrop")));
        upload.setId("cohort-import");
        var box = new Div(new H2(getTranslation("research.definitions")), new Div(name, save),
                new Div(saved, load), new Paragraph(getTranslation("research.exportText")), export, upload);
        box.addClassName("cohort-definitions");
        return box;
    }

    private Optional<Criterion> definition() {
        try {
            Criterion definition = editor.value();
            cohorts.check(definition);
            lastDefinition = CriteriaJson.write(definition);
            error.setVisible(false);
            return Optional.of(definition);
        } catch (InvalidCriteriaException e) {
            fail(e);
            return Optional.empty();
        }
    }

    private void count() {
        definition().ifPresent(definition -> {
            try {
                Cohorts.Count count = cohorts.countCohort(definition, Optional.empty());
                result.removeAll();
                var figure = new Span(figure(count.count()));
                figure.setId("cohort-figure");
                figure.addClassName("cohort-figure");
                result.add(new Paragraph(getTranslation("research.countLead")), figure);
                count.sameAs().ifPresent(same -> result.add(sameAsNote(same)));
                result.add(new Paragraph(getTranslation("research.countNote")));
            } catch (QueryRefusedException e) {
                refused(e);
            } catch (InvalidCriteriaException e) {
                fail(e);
            }
            showBudget();
        });
    }

    private void breakdown(Dimension dimension) {
        definition().ifPresent(definition -> {
            try {
                Cohorts.Breakdown b = cohorts.breakdown(definition, dimension, Optional.empty());
                result.removeAll();
                result.add(new BreakdownTable(b));
            } catch (QueryRefusedException e) {
                refused(e);
            } catch (InvalidCriteriaException e) {
                fail(e);
            }
            showBudget();
        });
    }

    /** Why the figure is one the sponsor (or somebody) was given before: the people are nearly the same. */
    private Paragraph sameAsNote(Cohorts.SameAs same) {
        var note = new Paragraph(same.at().map(at -> getTranslation("research.sameAs.own", JapanTime.minute(at)))
                .orElseGet(() -> getTranslation("research.sameAs.other")));
        note.setId("cohort-same-as");
        note.addClassName("cohort-same-as");
        return note;
    }

    private String figure(Released released) {
        return Figures.of(this, released);
    }

    private void refused(QueryRefusedException e) {
        result.removeAll();
        error.setText(CriteriaText.refusal(this, cohorts.vocabulary(), e));
        error.setVisible(true);
    }

    private void fail(InvalidCriteriaException e) {
        String message = getTranslation(e.key(), e.arguments());
        error.setText(e.location().map(where -> getTranslation("research.error.where", where, message)).orElse(message));
        error.setVisible(true);
    }

    private void show(String text) {
        error.setVisible(false);
        result.removeAll();
        result.add(new Paragraph(text));
    }

    private void showBudget() {
        budget.setText(getTranslation("research.budget", cohorts.remainingToday()));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.sponsorCohort");
    }
}
