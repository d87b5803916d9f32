package jp.tsunagu.record.ui;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.identity.Role;
import jp.tsunagu.record.Trends;
import jp.tsunagu.record.ItemTexts;
import jp.tsunagu.record.ItemId;
import jp.tsunagu.record.MeasurementRejectedException;
import jp.tsunagu.record.Measurements;
import jp.tsunagu.record.MyItem;
import jp.tsunagu.record.MyRecord;
import jp.tsunagu.record.PhrEntry;
import jp.tsunagu.record.PhrEntry.PhrType;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shell.FormControls;

/**
 * The patient's own measurements: pick a kind, see its trend, enter a new value, correct or delete an
 * earlier one. The server checks every entry ({@link Measurements}); the form shows its messages at the
 * field they concern.
 */
@Route("patient/measurements")
@RolesAllowed(Role.Names.PATIENT)
@Menu(title = "menu.measurements", order = 11, icon = "vaadin:heart")
class MeasurementsView extends VerticalLayout implements HasDynamicTitle {

    /** The kinds a patient enters here, in the order of the choices. */
    static final List<PhrType> KINDS = List.of(PhrType.BLOOD_PRESSURE, PhrType.WEIGHT, PhrType.BLOOD_GLUCOSE,
            PhrType.STEPS, PhrType.BODY_TEMPERATURE, PhrType.NOTE);

    private final MyRecord myRecord;
    private final Div chart = new Div();
    private final Div entries = new Div();
    private final H2 formHeading = new H2();
    private final TextField value1 = new TextField();
    private final TextField value2 = new TextField();
    private final DateTimePicker measuredAt = new DateTimePicker();
    private final TextArea note = new TextArea();
    private final Button save = new Button();
    private final Button cancel = new Button();
    private PhrType type = PhrType.BLOOD_PRESSURE;
    private Optional<ItemId> editing = Optional.empty();
    private Notification saved;

    MeasurementsView(MyRecord myRecord) {
        this.myRecord = myRecord;
        addClassName("tsunagu-page");
        addClassName("tsunagu-measurements");
        add(new H1(getTranslation("menu.measurements")), new Paragraph(getTranslation("phr.intro")));

        // One choice among six kinds: a radio group, which wraps on a phone. Vaadin's tabs scroll sideways
        // there, and their focusable scroller breaks the tab list's structure for screen readers.
        var kinds = new RadioButtonGroup<PhrType>(getTranslation("phr.kinds"));
        kinds.setId("phr-kinds");
        kinds.addClassName("tsunagu-choices");
        kinds.setItems(KINDS);
        kinds.setItemLabelGenerator(kind -> getTranslation("phr.type." + kind.name()));
        kinds.setValue(type);
        kinds.addValueChangeListener(event -> {
            if (event.getValue() != null) {
                type = event.getValue();
                startNew();
                refresh();
            }
        });
        chart.addClassName("tsunagu-phr-chart");
        chart.setId("phr-chart");
        add(kinds, chart, form());
        entries.addClassName("tsunagu-items");
        entries.setId("phr-entries");
        add(new H2(getTranslation("phr.entries")), entries);
        startNew();
        refresh();
    }

    private Component form() {
        value1.setId("phr-value1");
        value2.setId("phr-value2");
        for (TextField field : List.of(value1, value2)) {
            // Phones show their number pad; full-width digits typed with a Japanese keyboard are read too.
            field.addAttachListener(attach -> field.getElement().executeJs("this.inputElement.inputMode = 'decimal'"));
            // Letters are not swallowed silently (a key that does nothing looks broken): the field says
            // at once that it wants a number.
            field.addValueChangeListener(change -> {
                if (change.isFromClient()) {
                    field.setInvalid(false);
                    number(field);
                }
            });
        }
        FormControls.localise(measuredAt);
        measuredAt.setId("phr-measured-at");
        note.setId("phr-note");
        note.setMaxLength(Measurements.MAX_NOTE);
        note.setWidthFull();
        measuredAt.setStep(java.time.Duration.ofMinutes(1));
        save.setId("phr-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());
        cancel.setText(getTranslation("phr.cancel"));
        cancel.addClickListener(click -> startNew());
        var buttons = new Div(save, cancel);
        buttons.addClassName("tsunagu-buttons");
        var form = new Div(formHeading, value1, value2, measuredAt, note, buttons);
        form.addClassName("tsunagu-form");
        form.setId("phr-form");
        return form;
    }

    /** Empties the form for a new entry of the current kind, labelled for that kind. */
    private void startNew() {
        editing = Optional.empty();
        formHeading.setText(getTranslation("phr.add", getTranslation("phr.type." + type.name())));
        Measurements.Rule rule = Measurements.rule(type);
        String unit = rule.unit().orElse("");
        boolean bloodPressure = type == PhrType.BLOOD_PRESSURE;
        value1.setLabel(bloodPressure ? getTranslation("phr.systolic") : getTranslation("phr.value"));
        value1.setSuffixComponent(new Span(unit));
        value1.setVisible(!rule.ranges().isEmpty());
        value2.setLabel(getTranslation("phr.diastolic"));
        value2.setSuffixComponent(new Span(unit));
        value2.setVisible(bloodPressure);
        // Every number field says what it accepts, the diastolic one too.
        List<TextField> fields = List.of(value1, value2);
        for (int i = 0; i < fields.size(); i++) {
            fields.get(i).setHelperText(i < rule.ranges().size() ? getTranslation("phr.rangeHint",
                    rule.ranges().get(i).min().toPlainString(), rule.ranges().get(i).max().toPlainString(), unit)
                    : null);
        }
        note.setLabel(rule.ranges().isEmpty() ? getTranslation("phr.noteText") : getTranslation("phr.noteOptional"));
        measuredAt.setLabel(getTranslation("phr.measuredAt"));
        value1.clear();
        value2.clear();
        note.clear();
        measuredAt.setValue(LocalDateTime.now(JapanTime.ZONE).withSecond(0).withNano(0));
        measuredAt.setMax(LocalDateTime.now(JapanTime.ZONE).plusMinutes(5));
        save.setText(getTranslation("phr.save"));
        cancel.setVisible(false);
        clearErrors();
    }

    private void edit(MyItem item) {
        var entry = (PhrEntry) item.content();
        editing = Optional.of(item.id());
        formHeading.setText(getTranslation("phr.edit", getTranslation("phr.type." + type.name())));
        value1.setValue(entry.value1().map(ItemTexts::plain).orElse(""));
        value2.setValue(entry.value2().map(ItemTexts::plain).orElse(""));
        note.setValue(entry.note().orElse(""));
        measuredAt.setValue(LocalDateTime.ofInstant(entry.measuredAt(), JapanTime.ZONE));
        save.setText(getTranslation("phr.update"));
        cancel.setVisible(true);
        clearErrors();
        formHeading.scrollIntoView();
    }

    private void save() {
        clearErrors();
        Optional<Optional<BigDecimal>> first = number(value1);
        Optional<Optional<BigDecimal>> second = number(value2);
        if (first.isEmpty() || second.isEmpty()) {
            return;
        }
        Measurements.Rule rule = Measurements.rule(type);
        Instant at = Optional.ofNullable(measuredAt.getValue()).map(t -> t.atZone(JapanTime.ZONE).toInstant())
                .orElse(Instant.now());
        var entry = new PhrEntry(type, first.get(), second.get(), rule.unit(), Optional.of(note.getValue()), at);
        try {
            if (editing.isPresent()) {
                if (!myRecord.changeMeasurement(editing.get(), entry)) {
                    notify(getTranslation("phr.gone"), NotificationVariant.LUMO_ERROR);
                }
            } else {
                myRecord.addMeasurement(entry);
            }
        } catch (MeasurementRejectedException rejected) {
            rejected.problems().forEach(this::show);
            return;
        }
        saved = notify(getTranslation("phr.saved"), NotificationVariant.LUMO_SUCCESS);
        startNew();
        refresh();
    }

    /**
     * The field's number: empty inside when the field is hidden or blank (the server then says what is
     * required), empty outside when the text is not a number, which is said at the field and never sent.
     */
    private Optional<Optional<BigDecimal>> number(TextField field) {
        String text = java.text.Normalizer.normalize(field.getValue(), java.text.Normalizer.Form.NFKC).strip();
        if (!field.isVisible() || text.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        try {
            return Optional.of(Optional.of(new BigDecimal(text.replace(",", ""))));
        } catch (NumberFormatException e) {
            invalid(field, getTranslation("phr.notANumber"));
            return Optional.empty();
        }
    }

    private void show(Measurements.Problem problem) {
        closeSaved();
        String message = getTranslation(problem.messageKey(), problem.arguments().toArray());
        switch (problem.field()) {
            case VALUE1 -> invalid(value1, message);
            case VALUE2 -> invalid(value2, message);
            case NOTE -> {
                note.setInvalid(true);
                note.setErrorMessage(message);
            }
            case MEASURED_AT -> {
                measuredAt.setInvalid(true);
                measuredAt.setErrorMessage(message);
            }
            case UNIT -> notify(message, NotificationVariant.LUMO_ERROR);
        }
    }

    private void invalid(TextField field, String message) {
        closeSaved();
        field.setInvalid(true);
        field.setErrorMessage(message);
    }

    private void clearErrors() {
        value1.setInvalid(false);
        value2.setInvalid(false);
        note.setInvalid(false);
        measuredAt.setInvalid(false);
    }

    private void refresh() {
        List<MyItem> mine = myRecord.items().stream()
                .filter(i -> i.content() instanceof PhrEntry p && p.type() == type).toList();
        chart.removeAll();
        Trends.measurements(type, mine.stream().map(i -> (PhrEntry) i.content()).toList())
                .ifPresent(chart::add);
        if (type == PhrType.BLOOD_PRESSURE && !mine.isEmpty()) {
            var guide = new Paragraph(getTranslation("phr.bloodPressureGuide"));
            guide.addClassName("tsunagu-note");
            chart.add(guide);
        }
        entries.removeAll();
        if (mine.isEmpty()) {
            entries.add(new Paragraph(getTranslation("phr.none")));
        }
        for (MyItem item : mine.stream().limit(50).toList()) {
            var row = new Div(ItemRows.row(item));
            row.addClassName("tsunagu-entry");
            if (item.editable()) {
                var change = new Button(getTranslation("phr.change"), click -> edit(item));
                change.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                var delete = new Button(getTranslation("phr.delete"), click -> confirmDelete(item));
                delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL,
                        ButtonVariant.LUMO_ERROR);
                var actions = new Div(change, delete);
                actions.addClassName("tsunagu-entry-actions");
                row.add(actions);
            }
            entries.add(row);
        }
    }

    private void confirmDelete(MyItem item) {
        var dialog = new ConfirmDialog(getTranslation("phr.deleteTitle"),
                getTranslation("phr.deleteText", ItemTexts.phrValue((PhrEntry) item.content()),
                        JapanTime.minute(item.date())),
                getTranslation("phr.delete"), confirm -> {
                    if (!myRecord.deleteMeasurement(item.id())) {
                        notify(getTranslation("phr.gone"), NotificationVariant.LUMO_ERROR);
                    }
                    startNew();
                    refresh();
                });
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("phr.cancel"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    private static Notification notify(String text, NotificationVariant variant) {
        var notification = Notification.show(text, 4000, Notification.Position.BOTTOM_CENTER);
        notification.addThemeVariants(variant);
        return notification;
    }

    /** "Saved" still showing next to a new entry's errors would read as if the new one were saved too. */
    private void closeSaved() {
        if (saved != null) {
            saved.close();
            saved = null;
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.measurements");
    }
}
