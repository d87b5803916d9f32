package jp.tsunagu.shell;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import jp.tsunagu.identity.ActorService;

/**
 * Where a fresh login lands: forwards to the home of the person's role. Someone whose provider
 * granted no portal role stays here and is told why they see nothing.
 */
@Route("home")
@PermitAll
class AfterLoginView extends VerticalLayout implements BeforeEnterObserver {

    private final ActorService actors;

    AfterLoginView(ActorService actors) {
        this.actors = actors;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        actors.currentActor().ifPresentOrElse(
                actor -> event.forwardTo(actor.role().homeRoute()),
                () -> {
                    addClassName("tsunagu-page");
                    add(new H1(getTranslation("error.norole.title")),
                            new Paragraph(getTranslation("error.norole.text")));
                });
    }
}
