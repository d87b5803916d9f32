package jp.tsunagu.record.ui;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.identity.Actor;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.identity.Role;
import jp.tsunagu.record.MyItem;
import jp.tsunagu.record.MyRecord;
import jp.tsunagu.record.PhrEntry;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shared.QrSvg;
import jp.tsunagu.shell.HomePage;
import jp.tsunagu.shell.HomeShortcuts;
import jp.tsunagu.shell.SafeHtml;

/**
 * The patient's home on a phone: safety first (allergies and contraindicated drugs), then what is going
 * on now (diagnoses, medicines, latest labs), the documents, and the patient's own measurements. The
 * record is read once per visit and not kept: the page holds only what it shows.
 */
@Route("patient")
@RolesAllowed(Role.Names.PATIENT)
@Menu(title = "menu.patient", order = 10, icon = "vaadin:home")
class PatientHomeView extends HomePage implements HasDynamicTitle {

    PatientHomeView(ActorService actors, MyRecord myRecord, Directory directory, List<HomeShortcuts> shortcuts) {
        setHeading(getTranslation("patient.greeting", actors.currentActor().map(Actor::displayName).orElse("")));
        setIntro(getTranslation("patient.intro"));
        var me = directory.signedInPatient();
        // An account not (yet) linked to a record has nothing to share or be told about: no shortcuts.
        addComponentAtIndex(2, me.isPresent() ? shortcuts(shortcuts) : new Nav());
        addComponentAtIndex(3, actions());

        List<MyItem> items = myRecord.items();
        var today = JapanTime.dateOf(java.time.Instant.now());
        for (RecordSection section : List.of(RecordSection.ALLERGIES, RecordSection.DIAGNOSES,
                RecordSection.PRESCRIPTIONS, RecordSection.LABS, RecordSection.DOCUMENTS)) {
            Card card = addCard("patient." + section.slug());
            List<MyItem> shown = section.highlights(items, today);
            if (!shown.isEmpty()) {
                fill(card, section.rows(shown).stream().map(ItemRows::row).toList(),
                        new RouterLink(getTranslation("patient.seeAll", section.rows(section.all(items)).size()),
                                RecordListView.class, section.slug()));
            }
        }
        Card measurements = addCard("patient.measurements");
        List<MyItem> latest = Arrays.stream(PhrEntry.PhrType.values())
                .flatMap(type -> items.stream()
                        .filter(i -> i.content() instanceof PhrEntry p && p.type() == type).findFirst().stream())
                .toList();
        fill(measurements, latest.stream().map(ItemRows::row).toList(),
                new RouterLink(getTranslation("patient.measurements.open"), MeasurementsView.class));
        me.ifPresent(patient -> addPortalId(patient.id().value().toString()));
        List<MyItem> heldBack = myRecord.heldBack();
        if (!heldBack.isEmpty()) {
            // Apart from her record, and marked: she said it is not hers; a steward has not decided yet.
            Card held = addCard("record.heldBack");
            fill(held, heldBack.stream().map(ItemRows::row).toList(), new Anchor("patient/inbox",
                    getTranslation("menu.inbox")));
        }
    }

    /**
     * The start of everything else she does here: what the other modules offer (sharing, the access log,
     * notices with their unread count, an invitation to answer), each a large tap target.
     */
    private Component shortcuts(List<HomeShortcuts> providers) {
        var nav = new Nav();
        nav.setId("home-shortcuts");
        nav.addClassName("tsunagu-shortcuts");
        nav.getElement().setAttribute("aria-label", getTranslation("home.shortcuts"));
        providers.stream().flatMap(p -> p.forSignedInPatient().stream())
                .sorted(Comparator.comparingInt(HomeShortcuts.Shortcut::order))
                .forEach(shortcut -> {
                    var link = new Anchor(shortcut.path(), getTranslation(shortcut.labelKey()));
                    link.setId(shortcut.id());
                    if (shortcut.waiting() > 0) {
                        var badge = new Span(getTranslation(shortcut.waitingKey(), shortcut.waiting()));
                        badge.addClassName("tsunagu-waiting");
                        link.add(badge);
                        link.addClassName("tsunagu-shortcut-waiting");
                    }
                    nav.add(link);
                });
        return nav;
    }

    /**
     * Her portal patient id, to show at a hospital's desk: the clinician searches by it, so the patient
     * must be able to show it. As text and as a QR code drawn in the page (nothing leaves it).
     */
    private void addPortalId(String portalId) {
        Card card = addCard("home.portalId");
        var id = new Span(portalId);
        id.setId("portal-id");
        id.addClassName("tsunagu-portal-id");
        var qr = new Html("<div class=\"tsunagu-qr\">" + QrSvg.of(portalId, SafeHtml.text(getTranslation("home.portalId.qr")))
                + "</div>");
        var details = new Details(getTranslation("home.portalId.show"), qr);
        details.setId("portal-id-qr");
        card.add(id, details);
    }

    private Div actions() {
        var bar = new Div(new RouterLink(getTranslation("patient.action.measure"), MeasurementsView.class),
                link("patient/upload", "patient.action.upload"),
                link("patient/download", "patient.action.download"));
        bar.addClassName("tsunagu-actions");
        return bar;
    }

    private Anchor link(String path, String key) {
        return new Anchor(path, getTranslation(key));
    }

    /** Replaces the card's "nothing yet" text with the rows and a link to everything. */
    private static void fill(Card card, List<com.vaadin.flow.component.Component> rows,
            com.vaadin.flow.component.Component more) {
        if (rows.isEmpty()) {
            card.add(more);
            return;
        }
        card.getChildren().filter(Paragraph.class::isInstance).findFirst().ifPresent(card::remove);
        var list = new Div();
        list.addClassName("tsunagu-items");
        rows.forEach(list::add);
        card.add(list, more);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.patient");
    }

}
