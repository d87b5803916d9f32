package jp.tsunagu.research.ui;

import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.identity.Actor;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.identity.Role;
import jp.tsunagu.shell.HomePage;

/** The trial sponsor's start: privacy-protected counts of consented patients, studies and invitations. */
@Route("sponsor")
@RolesAllowed(Role.Names.SPONSOR)
@Menu(title = "menu.sponsor", order = 30, icon = "vaadin:flask")
class SponsorHomeView extends HomePage implements HasDynamicTitle {

    SponsorHomeView(ActorService actors) {
        setHeading(getTranslation("sponsor.greeting", actors.currentActor().map(Actor::displayName).orElse("")));
        setIntro(getTranslation("sponsor.intro"));
        addCard("sponsor.cohort").add(new RouterLink(getTranslation("sponsor.cohort.open"), CohortView.class));
        addCard("sponsor.studies").add(new RouterLink(getTranslation("sponsor.studies.open"), StudiesView.class));
        addCard("sponsor.safety").add(new RouterLink(getTranslation("sponsor.safety.open"), SafetyView.class));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.sponsor");
    }
}
