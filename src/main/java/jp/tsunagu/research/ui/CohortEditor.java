package jp.tsunagu.research.ui;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import jp.tsunagu.directory.Sex;
import jp.tsunagu.shell.FormControls;
import jp.tsunagu.research.Criterion;
import jp.tsunagu.research.InvalidCriteriaException;
import jp.tsunagu.research.RareDiseases;
import jp.tsunagu.research.Vocabulary;
import jp.tsunagu.shared.Prefecture;

/**
 * The cohort builder's editor: a group of criteria (all of them, or any of them, optionally "not"),
 * each row one criterion or a nested group. It turns into a {@link Criterion} on demand; a row that
 * cannot be one is marked at its field and the whole answer is refused.
 */
final class CohortEditor extends Div {

    /** The code pickers' entries: a code with what the sponsor reads. */
    record CodeOption(String code, String label) {
    }

    private final Group root;
    private final List<CodeOption> diagnoses;
    private final List<CodeOption> drugs;
    private final List<Vocabulary.LabTerm> labs;

    CohortEditor(Vocabulary vocabulary) {
        addClassName("cohort-editor");
        List<CodeOption> dx = new ArrayList<>();
        RareDiseases.all().forEach(d -> dx.add(new CodeOption(d.icd10(), "指定難病" + d.number() + " " + d.name()
                + "（" + d.icd10() + "）")));
        vocabulary.diagnoses().forEach(t -> dx.add(new CodeOption(t.code(), t.name() + "（" + t.code() + "）")));
        diagnoses = List.copyOf(dx);
        drugs = vocabulary.drugs().stream().map(t -> new CodeOption(t.code(), t.name() + "（" + t.code() + "）"))
                .toList();
        labs = vocabulary.labs();
        root = new Group(false);
        root.setId("cohort-root");
        add(root);
    }

    Criterion value() {
        return root.value();
    }

    void set(Criterion definition) {
        root.set(definition instanceof Criterion.All || definition instanceof Criterion.Any
                || (definition instanceof Criterion.Not n && (n.part() instanceof Criterion.All
                        || n.part() instanceof Criterion.Any))
                ? definition : new Criterion.All(List.of(definition)));
    }

    /** Starts the editor with one empty diagnosis row. */
    void start() {
        root.clear();
        root.addRow();
    }

    private interface Part {
        Criterion value();
    }

    /** A group: all / any of its rows, optionally negated; nested groups can be removed. */
    private final class Group extends Div implements Part {
        private final Select<Boolean> mode = new Select<>();
        private final Checkbox negate = new Checkbox(getTranslation("research.editor.groupNot"));
        private final Div rows = new Div();

        Group(boolean nested) {
            addClassName("cohort-group");
            mode.setItems(true, false);
            mode.setItemLabelGenerator(all -> getTranslation(all ? "research.editor.all" : "research.editor.any"));
            mode.setValue(true);
            mode.setAriaLabel(getTranslation("research.editor.mode"));
            mode.addClassName("cohort-mode");
            rows.addClassName("cohort-rows");
            var head = new Div(mode, negate);
            head.addClassName("cohort-group-head");
            if (nested) {
                var remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> removeFromParent());
                remove.setAriaLabel(getTranslation("research.editor.removeGroup"));
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
                head.add(remove);
            }
            var addRow = new Button(getTranslation("research.editor.addCriterion"), VaadinIcon.PLUS.create(),
                    click -> addRow());
            addRow.addClassName("cohort-add-criterion");
            var addGroup = new Button(getTranslation("research.editor.addGroup"), VaadinIcon.PLUS.create(),
                    click -> addGroup());
            addGroup.addClassName("cohort-add-group");
            addRow.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            addGroup.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            var actions = new Div(addRow, addGroup);
            actions.addClassName("cohort-group-actions");
            add(head, rows, actions);
        }

        Row addRow() {
            Row row = new Row();
            rows.add(row);
            return row;
        }

        Group addGroup() {
            Group group = new Group(true);
            group.addRow();
            rows.add(group);
            return group;
        }

        void clear() {
            rows.removeAll();
            mode.setValue(true);
            negate.setValue(false);
        }

        @Override
        public Criterion value() {
            List<Criterion> parts = new ArrayList<>();
            rows.getChildren().forEach(c -> parts.add(((Part) c).value()));
            if (parts.isEmpty()) {
                throw new InvalidCriteriaException("research.error.emptyGroup");
            }
            Criterion group = Boolean.TRUE.equals(mode.getValue()) ? new Criterion.All(parts) : new Criterion.Any(parts);
            return negate.getValue() ? new Criterion.Not(group) : group;
        }

        void set(Criterion criterion) {
            clear();
            Criterion inner = criterion;
            if (criterion instanceof Criterion.Not n) {
                negate.setValue(true);
                inner = n.part();
            }
            List<Criterion> parts = switch (inner) {
                case Criterion.All g -> g.parts();
                case Criterion.Any g -> {
                    mode.setValue(false);
                    yield g.parts();
                }
                default -> List.of(inner);
            };
            for (Criterion part : parts) {
                boolean isGroup = part instanceof Criterion.All || part instanceof Criterion.Any
                        || part instanceof Criterion.Not n && (n.part() instanceof Criterion.All
                                || n.part() instanceof Criterion.Any || n.part() instanceof Criterion.Not);
                if (isGroup) {
                    Group group = new Group(true);
                    group.set(part);
                    rows.add(group);
                } else {
                    addRow().set(part);
                }
            }
        }
    }

    enum Kind { DIAGNOSIS, AGE, SEX, PREFECTURE, LAB, PRESCRIPTION }

    /** One criterion: its kind, its fields, "not", remove. */
    private final class Row extends Div implements Part {
        private final Select<Kind> kind = new Select<>();
        private final Div fields = new Div();
        private final Checkbox not = new Checkbox(getTranslation("research.editor.not"));
        private final ComboBox<CodeOption> code = new ComboBox<>();
        private final ComboBox<Vocabulary.LabTerm> lab = new ComboBox<>(getTranslation("research.editor.lab"));
        private final Select<Criterion.Comparison> comparison = new Select<>();
        private final BigDecimalField value = new BigDecimalField(getTranslation("research.editor.value"));
        private final IntegerField months = new IntegerField(getTranslation("research.editor.months"));
        private final IntegerField min = new IntegerField(getTranslation("research.editor.ageMin"));
        private final IntegerField max = new IntegerField(getTranslation("research.editor.ageMax"));
        private final Select<Sex> sex = new Select<>();
        private final ComboBox<Prefecture> prefecture = new ComboBox<>(getTranslation("research.editor.prefecture"));

        Row() {
            addClassName("cohort-row");
            kind.setItems(Kind.values());
            kind.setItemLabelGenerator(k -> getTranslation("research.kind." + k.name()));
            kind.setAriaLabel(getTranslation("research.editor.kind"));
            kind.addClassName("cohort-kind");
            kind.addValueChangeListener(e -> show(e.getValue()));
            code.setAllowCustomValue(true);
            code.setItemLabelGenerator(CodeOption::label);
            code.addCustomValueSetListener(e -> choose(new CodeOption(e.getDetail().strip(), e.getDetail().strip())));
            code.addClassName("cohort-code");
            code.setWidth("26em");
            lab.setItems(labs);
            lab.setItemLabelGenerator(t -> t.name() + (t.unit().isEmpty() ? "" : "（" + t.unit() + "）"));
            lab.addClassName("cohort-lab");
            comparison.setItems(Criterion.Comparison.values());
            comparison.setItemLabelGenerator(Criterion.Comparison::symbol);
            comparison.setValue(Criterion.Comparison.GREATER);
            comparison.setAriaLabel(getTranslation("research.editor.comparison"));
            comparison.setWidth("5em");
            comparison.addClassName("cohort-comparison");
            value.addClassName("cohort-value");
            value.setWidth("8em");
            months.setValue(12);
            FormControls.range(months, 1, Criterion.Lab.MAX_MONTHS, getTranslation("form.unit.months"));
            months.setWidth("7em");
            lab.addValueChangeListener(e -> hint());
            comparison.addValueChangeListener(e -> hint());
            FormControls.range(min, 0, Criterion.Age.OLDEST, getTranslation("form.unit.years"));
            FormControls.range(max, 0, Criterion.Age.OLDEST, getTranslation("form.unit.years"));
            min.setWidth("6em");
            max.setWidth("6em");
            min.addClassName("cohort-age-min");
            max.addClassName("cohort-age-max");
            sex.setItems(Sex.values());
            sex.setItemLabelGenerator(s -> getTranslation("research.sex." + s.code()));
            sex.setValue(Sex.FEMALE);
            sex.setAriaLabel(getTranslation("research.kind.SEX"));
            sex.addClassName("cohort-sex");
            prefecture.setItems(Prefecture.values());
            prefecture.setItemLabelGenerator(p -> CriteriaText.prefecture(this, p));
            prefecture.addClassName("cohort-prefecture");
            var remove = new Button(VaadinIcon.TRASH.create(), click -> removeFromParent());
            remove.setAriaLabel(getTranslation("research.editor.remove"));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            fields.addClassName("cohort-fields");
            add(kind, fields, not, remove);
            kind.setValue(Kind.DIAGNOSIS);
        }

        private void show(Kind k) {
            fields.removeAll();
            switch (k) {
                case DIAGNOSIS -> {
                    code.setLabel(getTranslation("research.editor.diagnosis"));
                    code.setPlaceholder(getTranslation("research.editor.diagnosisHint"));
                    code.setItems(diagnoses);
                    code.clear();
                    fields.add(code);
                }
                case PRESCRIPTION -> {
                    code.setLabel(getTranslation("research.editor.drug"));
                    code.setPlaceholder(getTranslation("research.editor.drugHint"));
                    code.setItems(drugs);
                    code.clear();
                    fields.add(code);
                }
                case LAB -> fields.add(lab, comparison, value, months);
                case AGE -> fields.add(min, max);
                case SEX -> fields.add(sex);
                case PREFECTURE -> fields.add(prefecture);
            }
        }

        /** Says which thresholds the chosen test answers, before the sponsor counts. */
        private void hint() {
            Vocabulary.LabTerm term = lab.getValue();
            if (term == null) {
                value.setHelperText(null);
                return;
            }
            Optional<BigDecimal> limit = comparison.getValue() != null && comparison.getValue().upward()
                    ? term.highestUpperLimit() : term.lowestLowerLimit();
            value.setHelperText(limit.map(l -> getTranslation(comparison.getValue().upward()
                    ? "research.editor.labAtLeast" : "research.editor.labAtMost", l.toPlainString())).orElse(null));
        }

        @Override
        public Criterion value() {
            Criterion criterion;
            try {
                criterion = switch (kind.getValue()) {
                    case DIAGNOSIS -> new Criterion.Diagnosis(required(code.getValue()).code());
                    case PRESCRIPTION -> new Criterion.Prescription(required(code.getValue()).code());
                    case LAB -> new Criterion.Lab(required(lab.getValue()).code(), comparison.getValue(),
                            required(value.getValue()), required(months.getValue()));
                    case AGE -> new Criterion.Age(Optional.ofNullable(min.getValue()).orElse(0),
                            Optional.ofNullable(max.getValue()).orElse(Criterion.Age.OLDEST));
                    case SEX -> new Criterion.SexIs(required(sex.getValue()));
                    case PREFECTURE -> new Criterion.LivesIn(required(prefecture.getValue()));
                };
            } catch (InvalidCriteriaException e) {
                addClassName("cohort-row-invalid");
                throw e;
            }
            removeClassName("cohort-row-invalid");
            return not.getValue() ? new Criterion.Not(criterion) : criterion;
        }

        void set(Criterion criterion) {
            Criterion inner = criterion;
            if (criterion instanceof Criterion.Not n) {
                not.setValue(true);
                inner = n.part();
            }
            switch (inner) {
                case Criterion.Diagnosis d -> {
                    kind.setValue(Kind.DIAGNOSIS);
                    choose(option(diagnoses, d.code()));
                }
                case Criterion.Prescription p -> {
                    kind.setValue(Kind.PRESCRIPTION);
                    choose(option(drugs, p.code()));
                }
                case Criterion.Lab l -> {
                    kind.setValue(Kind.LAB);
                    lab.setValue(labs.stream().filter(t -> t.code().equals(l.code())).findFirst()
                            .orElse(new Vocabulary.LabTerm(l.code(), l.code(), "", Optional.empty(), Optional.empty())));
                    comparison.setValue(l.comparison());
                    value.setValue(l.value());
                    months.setValue(l.months());
                }
                case Criterion.Age a -> {
                    kind.setValue(Kind.AGE);
                    min.setValue(a.min());
                    max.setValue(a.max());
                }
                case Criterion.SexIs s -> {
                    kind.setValue(Kind.SEX);
                    sex.setValue(s.sex());
                }
                case Criterion.LivesIn l -> {
                    kind.setValue(Kind.PREFECTURE);
                    prefecture.setValue(l.prefecture());
                }
                default -> throw new IllegalArgumentException("a row holds one criterion");
            }
        }

        private CodeOption option(List<CodeOption> options, String c) {
            return options.stream().filter(o -> o.code().equals(c)).findFirst().orElse(new CodeOption(c, c));
        }

        /** A typed code (an ICD-10 prefix, a YJ prefix) joins the picker's items so that it can be its value. */
        private void choose(CodeOption option) {
            List<CodeOption> items = new ArrayList<>(kind.getValue() == Kind.PRESCRIPTION ? drugs : diagnoses);
            if (!items.contains(option)) {
                items.add(0, option);
            }
            code.setItems(items);
            code.setValue(option);
        }
    }

    private static <T> T required(T value) {
        if (value == null) {
            throw new InvalidCriteriaException("research.error.incomplete");
        }
        return value;
    }
}
