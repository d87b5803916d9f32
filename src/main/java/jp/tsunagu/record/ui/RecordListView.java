package jp.tsunagu.record.ui;

import java.util.List;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.identity.Role;
import jp.tsunagu.record.MyItem;
import jp.tsunagu.record.MyRecord;

/** Everything of one section of the patient's record (all allergies, every diagnosis, each lab test …). */
@Route("patient/records")
@RolesAllowed(Role.Names.PATIENT)
class RecordListView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private final MyRecord myRecord;
    private String title = "";

    RecordListView(MyRecord myRecord) {
        this.myRecord = myRecord;
        addClassName("tsunagu-page");
    }

    @Override
    public void setParameter(BeforeEvent event, String slug) {
        removeAll();
        add(new RouterLink(getTranslation("patient.back"), PatientHomeView.class));
        var section = RecordSection.ofSlug(slug);
        if (section.isEmpty()) {
            title = getTranslation("patient.notFound.title");
            add(new H1(title), new Paragraph(getTranslation("patient.notFound.text")));
            return;
        }
        title = getTranslation(section.get().titleKey());
        add(new H1(title));
        List<MyItem> items = section.get().all(myRecord.items());
        if (section.get() == RecordSection.LABS) {
            add(new Paragraph(getTranslation("patient.labs.hint")));
        }
        if (items.isEmpty()) {
            add(new Paragraph(getTranslation("patient.section.empty")));
            return;
        }
        var list = new Div();
        list.addClassName("tsunagu-items");
        items.forEach(item -> list.add(ItemRows.row(item)));
        add(list);
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
