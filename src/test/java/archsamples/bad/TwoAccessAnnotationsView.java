package archsamples.bad;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.annotation.security.PermitAll;

/** Broken on purpose (HouseRulesTest): which of the two annotations counts? */
@Route("sample-two")
@PermitAll
@AnonymousAllowed
public class TwoAccessAnnotationsView extends Div {
}
