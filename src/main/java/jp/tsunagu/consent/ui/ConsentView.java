package jp.tsunagu.consent.ui;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.consent.ConsentCategories;
import jp.tsunagu.consent.Decision;
import jp.tsunagu.consent.Directive;
import jp.tsunagu.consent.Grantee;
import jp.tsunagu.consent.MyConsent;
import jp.tsunagu.consent.Purpose;
import jp.tsunagu.directory.Organisation;
import jp.tsunagu.identity.Role;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shell.SafeHtml;

/**
 * Who can see what, on one page: the hospitals the patient shares with (categories, until when, a
 * button to stop), a form to share with another, a preview of what a hospital would see now, the
 * purpose switches with what each means, and every change ever made.
 */
@Route("patient/consent")
@RolesAllowed(Role.Names.PATIENT)
@Menu(title = "menu.consent", order = 14, icon = "vaadin:handshake")
class ConsentView extends VerticalLayout implements HasDynamicTitle {

    private final MyConsent consent;
    private final Div sharing = new Div();
    private final Div whoSeesWhat = new Div();
    private final Div preview = new Div();
    private final Div switches = new Div();
    private final Div history = new Div();
    private final Select<Option> previewOf = new Select<>();
    private List<Option> organisations = List.of();

    /** A choice of grantee: one organisation, or every organisation treating the patient. */
    private record Option(Optional<Organisation> organisation, String label) {
    }

    /** A few of her own items per category (titles), read once: the preview shows what a doctor would open. */
    private final Map<RecordCategory, List<String>> examples;

    ConsentView(MyConsent consent, jp.tsunagu.record.MyRecord myRecord) {
        this.consent = consent;
        this.examples = myRecord.items().stream().collect(java.util.stream.Collectors.groupingBy(
                item -> item.content().category(), () -> new java.util.EnumMap<>(RecordCategory.class),
                java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.mapping(
                        item -> jp.tsunagu.record.ItemTexts.title(item.content()), java.util.stream.Collectors.toList()),
                        titles -> titles.stream().distinct().limit(3).toList())));
        addClassNames("tsunagu-page", "tsunagu-consent");
        sharing.setId("consent-sharing");
        whoSeesWhat.setId("consent-who-sees-what");
        preview.setId("consent-preview");
        switches.setId("consent-purposes");
        history.setId("consent-history");
        List<Option> organisations = consent.careOrganisations().stream()
                .map(o -> new Option(Optional.of(o), o.details().name())).toList();
        this.organisations = organisations;
        add(new H1(getTranslation("menu.consent")), new Paragraph(getTranslation("consent.intro")),
                new H2(getTranslation("consent.whoSees.title")), whoSeesWhat,
                new H2(getTranslation("consent.sharing.title")), sharing,
                new H2(getTranslation("consent.grant.title")), grantForm(organisations),
                new H2(getTranslation("consent.preview.title")), new Paragraph(getTranslation("consent.preview.text")));
        previewOf.setId("consent-preview-of");
        previewOf.setLabel(getTranslation("consent.preview.organisation"));
        previewOf.setItems(organisations);
        previewOf.setItemLabelGenerator(Option::label);
        previewOf.addValueChangeListener(e -> showPreview());
        organisations.stream().findFirst().ifPresent(previewOf::setValue);
        add(previewOf, preview, new H2(getTranslation("consent.purposes.title")), switches,
                new H2(getTranslation("consent.history.title")), history);
        refresh();
    }

    private Component grantForm(List<Option> organisations) {
        var whom = new Select<Option>();
        whom.setId("consent-grant-whom");
        whom.setLabel(getTranslation("consent.grant.whom"));
        var all = new Option(Optional.empty(), getTranslation("consent.grant.allTreating"));
        whom.setItems(java.util.stream.Stream.concat(organisations.stream(), java.util.stream.Stream.of(all)).toList());
        whom.setItemLabelGenerator(Option::label);
        var what = new CheckboxGroup<RecordCategory>(getTranslation("consent.grant.what"));
        what.setId("consent-grant-what");
        what.setItems(ConsentCategories.ORDER);
        what.addThemeVariants(com.vaadin.flow.component.checkbox.CheckboxGroupVariant.LUMO_VERTICAL);
        what.setItemLabelGenerator(c -> getTranslation("record.category." + c.name()));
        var until = jp.tsunagu.shell.FormControls.localise(new DatePicker(getTranslation("consent.grant.until")));
        until.setId("consent-grant-until");
        until.setHelperText(getTranslation("consent.grant.untilHint"));
        until.setMin(JapanTime.dateOf(java.time.Instant.now()).plusDays(1));
        var grant = new Button(getTranslation("consent.grant.button"), click -> {
            if (whom.getValue() == null || what.getValue().isEmpty()) {
                fail(getTranslation("consent.error.incomplete"));
                return;
            }
            Grantee grantee = whom.getValue().organisation().<Grantee>map(o -> new Grantee.Organisation(o.id()))
                    .orElse(new Grantee.Treating());
            try {
                consent.grant(grantee, EnumSet.copyOf(what.getValue()), Set.of(),
                        Optional.ofNullable(until.getValue()).map(d -> JapanTime.startOfDay(d.plusDays(1))));
            } catch (IllegalArgumentException refused) {
                fail(getTranslation(refused.getMessage()));
                return;
            }
            what.clear();
            until.clear();
            Notification.show(getTranslation("consent.grant.done", whom.getValue().label()), 4000,
                    Notification.Position.BOTTOM_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        });
        grant.setId("consent-grant");
        grant.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new Div(whom, what, until, grant);
        form.addClassName("tsunagu-form");
        return form;
    }

    private void refresh() {
        List<Directive> current = consent.current();
        sharing.removeAll();
        List<Directive> active = current.stream().filter(d -> d.purpose() == Purpose.TREATMENT
                && d.status() == Directive.Status.ACTIVE).toList();
        if (active.isEmpty()) {
            sharing.add(new Paragraph(getTranslation("consent.sharing.none")));
        }
        for (Directive d : active) {
            var card = new Div();
            card.addClassName("tsunagu-grant");
            card.getElement().setProperty("innerHTML", new SafeHtml()
                    .span("tsunagu-grant-who", granteeName(d.grantee()))
                    .span("tsunagu-grant-what", categories(d.categories()))
                    .span("tsunagu-grant-when", period(d)).toString());
            var stop = new Button(getTranslation("consent.sharing.revoke"), click -> confirmStop(d));
            stop.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            stop.addClassName("consent-revoke");
            sharing.add(new Div(card, stop));
        }
        switches.removeAll();
        for (Purpose purpose : List.of(Purpose.TRIAL_RECRUITMENT, Purpose.RESEARCH, Purpose.POST_MARKET,
                Purpose.PUBLIC_HEALTH)) {
            var box = new Checkbox(getTranslation("consent.purpose." + purpose.name()), consent.allows(purpose));
            box.setId("consent-purpose-" + purpose.name().toLowerCase(java.util.Locale.ROOT));
            box.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    consent.choose(purpose, e.getValue());
                    refresh();
                }
            });
            var text = new Paragraph(getTranslation("consent.purpose." + purpose.name() + ".text"));
            text.addClassName("tsunagu-note");
            switches.add(new Div(box, text));
        }
        var emergency = new Paragraph(getTranslation("consent.purpose.EMERGENCY.text"));
        emergency.addClassName("tsunagu-note");
        switches.add(emergency);
        whoSeesWhat.removeAll();
        for (Option organisation : organisations) {
            // The decision point's answer for each hospital treating me: the same rules a doctor there meets.
            Map<RecordCategory, Decision> view = consent.preview(organisation.organisation().orElseThrow().id());
            Set<RecordCategory> visible = EnumSet.noneOf(RecordCategory.class);
            view.forEach((category, decision) -> {
                if (decision.permitted()) {
                    visible.add(category);
                }
            });
            var line = new Div();
            line.addClassName("tsunagu-item");
            line.getElement().setProperty("innerHTML", new SafeHtml()
                    .span("tsunagu-item-title", organisation.label())
                    .span("tsunagu-item-detail", visible.isEmpty() ? getTranslation("consent.whoSees.nothing")
                            : categories(visible)).toString());
            whoSeesWhat.add(line);
        }
        if (organisations.isEmpty()) {
            whoSeesWhat.add(new Paragraph(getTranslation("consent.whoSees.none")));
        }
        history.removeAll();
        for (Directive d : consent.history()) {
            var row = new Div();
            row.addClassName("tsunagu-item");
            // A purpose switch reads as what it does (治験のお誘いを受け取る), not as sharing everything with somebody.
            var switched = jp.tsunagu.consent.ConsentWords.switched(d);
            row.getElement().setProperty("innerHTML", new SafeHtml()
                    .span("tsunagu-item-title", switched.map(this::getTranslation)
                            .orElseGet(() -> getTranslation(change(d), granteeName(d.grantee()))))
                    .span("tsunagu-item-detail", getTranslation("consent.purposeName." + d.purpose().name())
                            + (switched.isPresent() ? "" : "・" + categories(d.categories())))
                    .span("tsunagu-item-source", JapanTime.minute(d.recordedAt())).toString());
            history.add(row);
        }
        showPreview();
    }

    /** Stopping asks first (a wrong tap is easy on a phone), then offers a moment to undo. */
    private void confirmStop(Directive d) {
        var dialog = new ConfirmDialog(getTranslation("consent.sharing.confirm.title"),
                getTranslation("consent.sharing.confirm", granteeName(d.grantee()), categories(d.categories())),
                getTranslation("consent.sharing.confirm.yes"), confirmed -> {
                    if (consent.revoke(d.id())) {
                        refresh();
                        offerUndo(d);
                    }
                });
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("consent.sharing.confirm.no"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    /**
     * "元に戻す" for a few seconds after stopping: the share comes back as a new version of the ledger (the stop
     * stays in the history, and in her access log).
     */
    private void offerUndo(Directive d) {
        var notification = new Notification();
        notification.setId("consent-undo-notice");
        notification.setDuration(UNDO_SHOWN_MILLIS);
        notification.setPosition(Notification.Position.BOTTOM_CENTER);
        var undo = new Button(getTranslation("consent.sharing.undo"));
        undo.setId("consent-undo");
        undo.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        undo.addClickListener(click -> {
            notification.close();
            if (consent.restore(d.id())) {
                Notification.show(getTranslation("consent.sharing.restored"), 4000, Notification.Position.BOTTOM_CENTER)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } else {
                fail(getTranslation("consent.sharing.undoTooLate"));
            }
            refresh();
        });
        var text = new Span(getTranslation("consent.sharing.revoked"));
        var box = new Div(text, undo);
        box.addClassName("consent-undo-box");
        notification.add(box);
        notification.open();
    }

    /** Shorter than {@link MyConsent#UNDO_WINDOW}, so the button never offers what the service would refuse. */
    private static final int UNDO_SHOWN_MILLIS = 10_000;

    private void showPreview() {
        preview.removeAll();
        Option of = previewOf.getValue();
        if (of == null || of.organisation().isEmpty()) {
            return;
        }
        Map<RecordCategory, Decision> view = consent.preview(of.organisation().get().id());
        for (RecordCategory category : ConsentCategories.ORDER) {
            Decision decision = view.get(category);
            var line = new Div(new Span(getTranslation("record.category." + category.name())),
                    badge(decision.permitted()));
            if (decision.permitted()) {
                // Her own items, so "傷病名: 見える" reads as "高血圧症, 2型糖尿病 … would be seen".
                List<String> titles = examples.getOrDefault(category, List.of());
                var items = new Span(titles.isEmpty() ? getTranslation("consent.preview.noItems")
                        : getTranslation("consent.preview.items", String.join("、", titles)));
                items.addClassName("tsunagu-preview-items");
                line.add(items);
            }
            line.addClassName("tsunagu-preview-line");
            line.getElement().setAttribute("data-category", category.name());
            line.getElement().setAttribute("data-visible", Boolean.toString(decision.permitted()));
            preview.add(line);
        }
    }

    private Span badge(boolean visible) {
        var badge = new Span(getTranslation(visible ? "consent.preview.visible" : "consent.preview.hidden"));
        badge.addClassNames("tsunagu-badge", visible ? "tsunagu-badge-mine" : "tsunagu-badge-muted");
        return badge;
    }

    private String change(Directive d) {
        if (d.status() == Directive.Status.REVOKED) {
            return "consent.history.revoked";
        }
        return d.effect() == Directive.Effect.DENY ? "consent.history.optedOut" : "consent.history.granted";
    }

    private String granteeName(Grantee grantee) {
        return switch (grantee) {
            // The page's own list of treating hospitals, read once: no query per row of the history.
            case Grantee.Organisation o -> organisations.stream().flatMap(option -> option.organisation().stream())
                    .filter(org -> org.id().equals(o.id())).map(org -> org.details().name()).findFirst()
                    .orElse(getTranslation("consent.grantee.other"));
            case Grantee.Treating t -> getTranslation("consent.grant.allTreating");
            case Grantee.Audience a -> getTranslation("consent.grantee.audience");
        };
    }

    private String categories(Set<RecordCategory> categories) {
        if (categories.containsAll(ConsentCategories.SHAREABLE)) {
            return getTranslation("consent.categories.all");
        }
        return String.join("・", ConsentCategories.ORDER.stream().filter(categories::contains)
                .map(c -> getTranslation("record.category." + c.name())).toList());
    }

    private String period(Directive d) {
        String from = JapanTime.day(d.validFrom());
        return d.validUntil().map(u -> getTranslation("consent.period.until", from,
                JapanTime.day(JapanTime.dateOf(u).minusDays(1))))
                .orElse(getTranslation("consent.period.open", from));
    }

    private static void fail(String message) {
        Notification.show(message, 5000, Notification.Position.BOTTOM_CENTER)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.consent");
    }
}
