package jp.tsunagu.sharing.ui;

import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.identity.Actor;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.identity.Role;
import jp.tsunagu.shell.HomePage;

/** The clinician's start: find a patient who shares their record with this hospital, or use audited emergency access. */
@Route("clinician")
@RolesAllowed(Role.Names.CLINICIAN)
@Menu(title = "menu.clinician", order = 20, icon = "vaadin:doctor")
class ClinicianHomeView extends HomePage implements HasDynamicTitle {

    ClinicianHomeView(ActorService actors) {
        setHeading(getTranslation("clinician.greeting", actors.currentActor().map(Actor::displayName).orElse("")));
        setIntro(getTranslation("clinician.intro"));
        addCard("clinician.search");
        addCard("clinician.emergency");
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.clinician");
    }
}
