package archsamples.bad;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Route;

/** Broken on purpose (HouseRulesTest): a route nobody decided the access of. */
@Route("sample-none")
public class NoAccessAnnotationView extends Div {
}
