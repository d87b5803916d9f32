package jp.tsunagu.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/** A signed-in person opened a page of another role: say so plainly, with a way back. */
@AnonymousAllowed
@ParentLayout(MainLayout.class)
class AccessDeniedView extends VerticalLayout implements HasErrorParameter<AccessDeniedException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        removeAll();
        addClassName("tsunagu-page");
        setId("access-denied");
        add(new H1(getTranslation("error.denied.title")),
                new Paragraph(getTranslation("error.denied.text")),
                new Anchor("home", getTranslation("error.back")));
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
