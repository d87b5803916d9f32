package jp.tsunagu.research.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.identity.Role;
import jp.tsunagu.research.Cohorts;
import jp.tsunagu.research.InvalidCriteriaException;
import jp.tsunagu.research.QueryRefusedException;
import jp.tsunagu.research.Released;
import jp.tsunagu.research.Vocabulary;
import jp.tsunagu.research.postmarket.PostMarket;
import jp.tsunagu.research.postmarket.SafetySignal;
import jp.tsunagu.shell.SafeHtml;

/** The post-market safety view: a drug, a lab signal, a window; protected counts before and after. */
@Route("sponsor/safety")
@RolesAllowed(Role.Names.SPONSOR)
@Menu(title = "menu.sponsorSafety", order = 33, icon = "vaadin:chart")
class SafetyView extends VerticalLayout implements HasDynamicTitle {

    SafetyView(PostMarket postMarket, Cohorts cohorts) {
        addClassNames("tsunagu-page", "tsunagu-desk");
        var drug = new ComboBox<Vocabulary.Term>(getTranslation("research.safety.drug"));
        drug.setItems(cohorts.vocabulary().drugs());
        drug.setItemLabelGenerator(t -> t.name() + "（" + t.code() + "）");
        drug.setId("safety-drug");
        drug.setWidth("28em");
        var signal = new Select<SafetySignal>();
        signal.setLabel(getTranslation("research.safety.signal"));
        signal.setItems(SafetySignal.values());
        signal.setItemLabelGenerator(s -> getTranslation("research.safety.signal." + s.name()));
        signal.setValue(SafetySignal.ALT_ABOVE_3X_ULN);
        signal.setId("safety-signal");
        signal.setWidth("20em");
        var days = new IntegerField(getTranslation("research.safety.days"));
        days.setValue(90);
        days.setMin(PostMarket.SHORTEST);
        days.setMax(PostMarket.LONGEST);
        days.setId("safety-days");
        var result = new Div();
        result.setId("safety-result");
        var analyse = new Button(getTranslation("research.safety.analyse"), click -> {
            result.removeAll();
            if (drug.getValue() == null || days.getValue() == null) {
                result.add(new Paragraph(getTranslation("research.error.incomplete")));
                return;
            }
            try {
                PostMarket.Analysis a = postMarket.analyse(drug.getValue().code(), signal.getValue(), days.getValue());
                var table = new Div();
                table.getElement().setProperty("innerHTML", "<table class=\"tsunagu-table\"><tbody>"
                        + row(getTranslation("research.safety.exposed"), a.exposed())
                        + row(getTranslation("research.safety.before", a.days()), a.before())
                        + row(getTranslation("research.safety.after", a.days()), a.after()) + "</tbody></table>");
                result.add(table, new Paragraph(getTranslation("research.safety.note")),
                        new Paragraph(getTranslation("research.budget", a.remainingToday())));
            } catch (QueryRefusedException e) {
                result.add(new Paragraph(getTranslation(e.key(), e.arguments())));
            } catch (InvalidCriteriaException e) {
                result.add(new Paragraph(getTranslation(e.key(), e.arguments())));
            }
        });
        analyse.setId("safety-analyse");
        analyse.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new Div(drug, signal, days, analyse);
        form.addClassNames("tsunagu-actions", "safety-form");
        add(new H1(getTranslation("menu.sponsorSafety")), new Paragraph(getTranslation("research.safety.intro")), form,
                result);
    }

    private String row(String label, Released figure) {
        String value = Figures.of(this, figure);
        return "<tr><th>" + SafeHtml.text(label) + "</th><td class=\"num\">" + SafeHtml.text(value) + "</td></tr>";
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.sponsorSafety");
    }
}
