package jp.tsunagu.shell;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import jp.tsunagu.identity.StepUp;

/**
 * Asks the person to sign in again before an act that needs a recent sign-in ({@link StepUp}), and
 * leaves the page for the provider only when they agree. They come back to {@code returnPage}.
 */
public final class StepUpDialog {

    private StepUpDialog() {
    }

    /**
     * @param beforeLeaving what the page keeps for its return (in the session, never in the address)
     */
    public static void open(StepUp stepUp, String returnPage, Runnable beforeLeaving) {
        var dialog = new Dialog();
        dialog.setId("step-up");
        dialog.setHeaderTitle(dialog.getTranslation("stepUp.title"));
        dialog.setWidth("min(90vw, 30rem)");
        long minutes = stepUp.window().toMinutes();
        String window = minutes > 0 ? dialog.getTranslation("stepUp.minutes", minutes)
                : dialog.getTranslation("stepUp.seconds", stepUp.window().toSeconds());
        dialog.add(new Paragraph(dialog.getTranslation("stepUp.text", window)));
        var again = new Button(dialog.getTranslation("stepUp.button"), click -> {
            beforeLeaving.run();
            UI.getCurrent().getPage().setLocation(StepUp.path(returnPage));
        });
        again.setId("step-up-start");
        again.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(dialog.getTranslation("stepUp.cancel"), click -> dialog.close()), again);
        dialog.open();
    }
}
