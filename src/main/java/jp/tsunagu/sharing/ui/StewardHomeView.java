package jp.tsunagu.sharing.ui;

import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.identity.Actor;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.identity.Role;
import jp.tsunagu.shell.HomePage;

/** The data steward's start: reviews of emergency access and studies, the access log and its chain check. */
@Route("steward")
@RolesAllowed(Role.Names.STEWARD)
@Menu(title = "menu.steward", order = 40, icon = "vaadin:shield")
class StewardHomeView extends HomePage implements HasDynamicTitle {

    StewardHomeView(ActorService actors) {
        setHeading(getTranslation("steward.greeting", actors.currentActor().map(Actor::displayName).orElse("")));
        setIntro(getTranslation("steward.intro"));
        addCard("steward.review");
        addCard("steward.log");
        addCard("steward.studies");
        addCard("steward.chain");
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.steward");
    }
}
