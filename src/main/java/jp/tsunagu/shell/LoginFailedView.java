package jp.tsunagu.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jp.tsunagu.identity.IdentityProperties;

/** The provider's answer could not be accepted: say so and offer a fresh attempt (no loop). */
@Route("login-failed")
@AnonymousAllowed
class LoginFailedView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final Paragraph text = new Paragraph();

    LoginFailedView() {
        addClassName("tsunagu-page");
        setId("login-failed");
        var retry = new Anchor(IdentityProperties.LOGIN_PATH, getTranslation("error.login.retry"));
        retry.setRouterIgnore(true);
        retry.addClassName("tsunagu-cta");
        text.setId("login-failed-text");
        add(new H1(getTranslation("error.login.title")), text, retry);
    }

    /** Why, when the portal knows: staff without a second factor, or a provider that would not ask again. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String reason = event.getLocation().getQueryParameters().getSingleParameter("reason").orElse("");
        text.setText(getTranslation(switch (reason) {
            case "second-factor" -> "error.login.secondFactor";
            case "step-up" -> "error.login.stepUp";
            default -> "error.login.text";
        }));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("error.login.title");
    }
}
