package jp.tsunagu.record.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.RouterLink;

/**
 * A patient page whose address names what it shows (a section, an item). It starts with the way home
 * and answers an address it cannot serve with the same "not found" page, whatever the reason.
 */
abstract class AddressedPage extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private String title = "";

    AddressedPage() {
        addClassName("tsunagu-page");
    }

    @Override
    public final void setParameter(BeforeEvent event, String parameter) {
        removeAll();
        add(new RouterLink(getTranslation("patient.back"), PatientHomeView.class));
        if (!show(parameter)) {
            setTitle(getTranslation("patient.notFound.title"));
            add(new H1(getPageTitle()), new Paragraph(getTranslation("patient.notFound.text")));
        }
    }

    /** Adds the page for the address; false when there is nothing of the patient's to show. */
    abstract boolean show(String parameter);

    void setTitle(String title) {
        this.title = title;
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
