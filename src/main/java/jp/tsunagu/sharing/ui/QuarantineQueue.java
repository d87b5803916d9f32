package jp.tsunagu.sharing.ui;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextArea;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.record.Quarantines;
import jp.tsunagu.shared.JapanTime;

/**
 * The steward's queue of "これは私の記録ではありません" cases: which hospital's records a patient held
 * back, since when, how many items. Release (they were hers) or remove (somebody else's; the hospital's
 * link to her goes too), always with a note for the log and the hospital.
 */
class QuarantineQueue extends Composite<Div> {

    private final Quarantines quarantines;
    private final Directory directory;

    QuarantineQueue(Quarantines quarantines, Directory directory) {
        this.quarantines = quarantines;
        this.directory = directory;
        getContent().setId("quarantine-queue");
        getContent().addClassName("tsunagu-items");
        show();
    }

    private void show() {
        getContent().removeAll();
        List<Quarantines.Case> open = quarantines.open();
        if (open.isEmpty()) {
            getContent().add(new Paragraph(getTranslation("steward.quarantine.none")));
            return;
        }
        Map<OrganisationId, String> names = directory.organisationNames(open.stream()
                .map(Quarantines.Case::organisation).collect(Collectors.toSet()));
        for (Quarantines.Case c : open) {
            var note = new TextArea(getTranslation("steward.quarantine.note"));
            note.setHelperText(getTranslation("steward.quarantine.noteHelp"));
            note.setWidthFull();
            note.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
            note.addValueChangeListener(e -> note.setInvalid(false));
            note.setMaxLength(2000);
            var release = new Button(getTranslation("steward.quarantine.release"),
                    click -> decide(c, Quarantines.State.RELEASED, note));
            release.addClassName("quarantine-release");
            var remove = new Button(getTranslation("steward.quarantine.remove"),
                    click -> decide(c, Quarantines.State.REMOVED, note));
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
            remove.addClassName("quarantine-remove");
            var row = new Div(new Span(getTranslation("steward.quarantine.row", names.getOrDefault(c.organisation(),
                    ""), c.patient().value(), JapanTime.minute(c.openedAt()), c.items())), note, release, remove);
            row.addClassNames("tsunagu-item", "quarantine-case");
            getContent().add(row);
        }
    }

    private void decide(Quarantines.Case c, Quarantines.State decision, TextArea note) {
        if (note.getValue().isBlank()) {
            note.setInvalid(true);
            note.setErrorMessage(getTranslation("steward.quarantine.noteRequired"));
            return;
        }
        boolean done = quarantines.decide(c.id(), decision, note.getValue());
        Notification.show(getTranslation(done ? "steward.quarantine.done." + decision.name()
                : "steward.quarantine.gone"));
        show();
    }
}
