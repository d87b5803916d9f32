package jp.tsunagu.record.ui;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.identity.Role;
import jp.tsunagu.record.MyItem;
import jp.tsunagu.record.MyRecord;
import jp.tsunagu.record.Prescription;
import jp.tsunagu.shared.JapanTime;

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
        if (section.get() == RecordSection.PRESCRIPTIONS) {
            // What she takes now, apart from years of past prescriptions.
            var today = JapanTime.dateOf(Instant.now());
            Map<Boolean, List<MyItem>> current = items.stream()
                    .collect(Collectors.partitioningBy(i -> ((Prescription) i.content()).currentOn(today)));
            addGroup("patient.prescriptions.current", "prescriptions-current", current.get(true));
            addGroup("patient.prescriptions.past", "prescriptions-past", current.get(false));
            return true;
        }
        add(list(section.get().rows(items)));
        return true;
    }

    private void addGroup(String titleKey, String id, List<MyItem> items) {
        var title = new H2(getTranslation(titleKey, items.size()));
        title.setId(id);
        add(title);
        if (items.isEmpty()) {
            add(new Paragraph(getTranslation("patient.section.empty")));
        } else {
            add(list(items.stream().map(List::of).toList()));
        }
    }

    private static Div list(List<List<MyItem>> rows) {
        var list = new Div();
        list.addClassName("tsunagu-items");
        rows.forEach(row -> list.add(ItemRows.row(row)));
        return list;
    }
}
