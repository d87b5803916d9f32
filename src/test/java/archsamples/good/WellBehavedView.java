package archsamples.good;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** A view and a service that keep every house rule (HouseRulesTest). */
@Route("sample-good")
@RolesAllowed("PATIENT")
public class WellBehavedView extends Div {

    public WellBehavedView(GuardedService service) {
        setText(service.mine());
    }

    @Service
    public static class GuardedService {
        @PreAuthorize("hasRole('PATIENT')")
        public String mine() {
            return "mine";
        }
    }
}
