package jp.tsunagu.sharing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import jp.tsunagu.consent.BreakGlass;
import jp.tsunagu.consent.EmergencyAccess;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shell.SafeHtml;

/** The stewards' queue of break-the-glass events: each stays until someone marks it justified or not. */
class ReviewQueue extends Div {

    private final BreakGlass breakGlass;

    ReviewQueue(BreakGlass breakGlass) {
        this.breakGlass = breakGlass;
        setId("steward-review-queue");
        refresh();
    }

    private void refresh() {
        removeAll();
        var pending = breakGlass.pendingReview();
        if (pending.isEmpty()) {
            add(new Paragraph(getTranslation("steward.review.none")));
        }
        for (EmergencyAccess access : pending) {
            var what = new Div();
            what.addClassName("tsunagu-item");
            what.getElement().setProperty("innerHTML", new SafeHtml()
                    .span("tsunagu-item-title", getTranslation("emergency.reason." + access.reason().name()))
                    .span("tsunagu-item-detail", access.detail())
                    .span("tsunagu-item-source", access.clinicianName() + access.organisationCode().map(c -> "・" + c)
                            .orElse("") + "・" + JapanTime.minute(access.openedAt())).toString());
            var comment = new TextField(getTranslation("steward.review.comment"));
            comment.addClassName("review-comment");
            var justified = new Button(getTranslation("steward.review.justified"), click -> review(access, true, comment));
            justified.addClassName("review-justified");
            justified.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
            var not = new Button(getTranslation("steward.review.notJustified"), click -> review(access, false, comment));
            not.addClassName("review-not-justified");
            not.addThemeVariants(ButtonVariant.LUMO_ERROR);
            var row = new Div(what, new Div(comment, justified, not));
            row.addClassName("tsunagu-review");
            add(row);
        }
    }

    private void review(EmergencyAccess access, boolean justified, TextField comment) {
        if (comment.getValue().isBlank()) {
            comment.setInvalid(true);
            comment.setErrorMessage(getTranslation("steward.review.commentRequired"));
            return;
        }
        breakGlass.review(access.id(), justified, comment.getValue());
        refresh();
    }
}
