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
        var pending = breakGlass.casesForReview();
        if (pending.isEmpty()) {
            add(new Paragraph(getTranslation("steward.review.none")));
        }
        for (BreakGlass.ReviewCase reviewCase : pending) {
            EmergencyAccess access = reviewCase.access();
            String read = reviewCase.categoriesRead().isEmpty() ? getTranslation("steward.review.nothingRead")
                    : reviewCase.categoriesRead().stream().map(c -> getTranslation("record.category." + c))
                            .collect(java.util.stream.Collectors.joining("・"));
            var what = new Div();
            what.addClassName("tsunagu-item");
            if (reviewCase.overdue()) {
                what.addClassName("tsunagu-overdue");
            }
            what.getElement().setProperty("innerHTML", new SafeHtml()
                    .span("tsunagu-item-title", getTranslation("emergency.reason." + access.reason().name()))
                    .span("tsunagu-item-patient", getTranslation("steward.review.patient", reviewCase.patientName(),
                            JapanTime.day(reviewCase.birthDate())))
                    .span("tsunagu-item-detail", access.detail())
                    .span("tsunagu-item-read", getTranslation("steward.review.read", read, reviewCase.reads(),
                            reviewCase.open().toMinutes()))
                    .span("tsunagu-item-source", access.clinicianName() + (reviewCase.organisationName().isEmpty() ? ""
                            : "・" + reviewCase.organisationName()) + "・" + JapanTime.minute(access.openedAt()))
                    .span("tsunagu-item-overdue", reviewCase.overdue() ? getTranslation("steward.review.overdue") : "")
                    .span("tsunagu-item-objection", reviewCase.objectedAt().map(at -> getTranslation(
                            "steward.review.objected", JapanTime.minute(at))).orElse(""))
                    .toString());
            if (reviewCase.objectedAt().isPresent()) {
                what.addClassName("tsunagu-objected");
            }
            var comment = new TextField(getTranslation("steward.review.comment"));
            comment.setRequired(true);
            comment.setMaxLength(BreakGlass.MAX_DETAIL);
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
        // A verdict is given once; an objection that came after it is shown here so that it is not lost.
        var late = breakGlass.objectedAfterReview();
        if (!late.isEmpty()) {
            var list = new Div();
            list.setId("steward-late-objections");
            list.add(new Paragraph(getTranslation("steward.review.lateObjections")));
            for (EmergencyAccess access : late) {
                var item = new Div();
                item.addClassNames("tsunagu-item", "tsunagu-objected");
                item.getElement().setProperty("innerHTML", new SafeHtml()
                        .span("tsunagu-item-title", getTranslation("emergency.reason." + access.reason().name()))
                        .span("tsunagu-item-detail", access.detail())
                        .span("tsunagu-item-detail", access.review().map(r -> getTranslation(
                                "steward.log.verdict." + (r.justified() ? "JUSTIFIED" : "NOT_JUSTIFIED")) + "："
                                + r.comment()).orElse(""))
                        .span("tsunagu-item-source", access.clinicianName() + "・" + JapanTime.minute(access.openedAt()))
                        .toString());
                list.add(item);
            }
            add(list);
        }
    }

    private void review(EmergencyAccess access, boolean justified, TextField comment) {
        if (comment.getValue().isBlank()) {
            comment.setInvalid(true);
            comment.setErrorMessage(getTranslation("steward.review.commentRequired"));
            return;
        }
        try {
            breakGlass.review(access.id(), justified, comment.getValue());
        } catch (IllegalArgumentException refused) {
            comment.setInvalid(true);
            comment.setErrorMessage(getTranslation(refused.getMessage()));
            return;
        }
        refresh();
    }
}
