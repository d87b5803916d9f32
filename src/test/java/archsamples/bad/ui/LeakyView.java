package archsamples.bad.ui;

import archsamples.bad.persistence.SecretStore;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** Broken on purpose (HouseRulesTest): a view reading a repository, past the decision point. */
@Route("sample-leaky")
@PermitAll
public class LeakyView extends Div {
    public LeakyView(SecretStore store) {
        setText(store.read());
    }
}
