package jp.tsunagu.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/** No such page, in the visitor's language, without echoing the address back. */
@AnonymousAllowed
@ParentLayout(MainLayout.class)
class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        addClassName("tsunagu-page");
        add(new H1(getTranslation("error.notfound.title")),
                new Paragraph(getTranslation("error.notfound.text")),
                new Anchor("", getTranslation("error.home")));
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
