package jp.tsunagu.record.ui;

import java.util.List;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.identity.Role;
import jp.tsunagu.record.MyItem;
import jp.tsunagu.record.MyRecord;

/** Everything of one section of the patient's record (all allergies, every diagnosis, each lab test …). */
@Route("patient/records")
@RolesAllowed(Role.Names.PATIENT)
class RecordListView extends AddressedPage {

    private final MyRecord myRecord;

    RecordListView(MyRecord myRecord) {
        this.myRecord = myRecord;
    }

    @Override
    boolean show(String slug) {
        var section = RecordSection.ofSlug(slug);
        if (section.isEmpty()) {
            return false;
        }
        setTitle(getTranslation(section.get().titleKey()));
        add(new H1(getPageTitle()));
        List<MyItem> items = section.get().all(myRecord.items());
        if (section.get() == RecordSection.LABS) {
            add(new Paragraph(getTranslation("patient.labs.hint")));
        }
        if (items.isEmpty()) {
            add(new Paragraph(getTranslation("patient.section.empty")));
            return true;
        }
        var list = new Div();
        list.addClassName("tsunagu-items");
        items.forEach(item -> list.add(ItemRows.row(item)));
        add(list);
        return true;
    }
}
