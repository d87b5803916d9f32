package jp.tsunagu.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jp.tsunagu.identity.IdentityProperties;

/** The provider's answer could not be accepted: say so and offer a fresh attempt (no loop). */
@Route("login-failed")
@AnonymousAllowed
class LoginFailedView extends VerticalLayout implements HasDynamicTitle {

    LoginFailedView() {
        addClassName("tsunagu-page");
        setId("login-failed");
        var retry = new Anchor(IdentityProperties.LOGIN_PATH, getTranslation("error.login.retry"));
        retry.setRouterIgnore(true);
        retry.addClassName("tsunagu-cta");
        add(new H1(getTranslation("error.login.title")), new Paragraph(getTranslation("error.login.text")), retry);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("error.login.title");
    }
}
