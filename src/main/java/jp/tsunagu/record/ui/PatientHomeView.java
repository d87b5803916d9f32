package jp.tsunagu.record.ui;

import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.identity.Actor;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.identity.Role;
import jp.tsunagu.shell.HomePage;

/** The patient's home on a phone: safety first (allergies and contraindicated drugs), then the record as hospitals send it. */
@Route("patient")
@RolesAllowed(Role.Names.PATIENT)
@Menu(title = "menu.patient", order = 10, icon = "vaadin:home")
class PatientHomeView extends HomePage implements HasDynamicTitle {

    PatientHomeView(ActorService actors) {
        setHeading(getTranslation("patient.greeting", actors.currentActor().map(Actor::displayName).orElse("")));
        setIntro(getTranslation("patient.intro"));
        addCard("patient.allergies");
        addCard("patient.diagnoses");
        addCard("patient.prescriptions");
        addCard("patient.labs");
        addCard("patient.documents");
        addCard("patient.measurements");
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.patient");
    }
}
