package jp.tsunagu.consent;

import java.util.List;
import java.util.Map;

import jp.tsunagu.directory.PatientId;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.record.RecordItem;

/**
 * What a reader may see of a patient: the decision for every category asked about (a denied category is
 * named with its reason and holds no content) and the permitted items.
 */
public record SharedView(PatientId patient, Purpose purpose, Map<RecordCategory, Decision> decisions,
        List<RecordItem> items) {

    public SharedView {
        decisions = Map.copyOf(decisions);
        items = List.copyOf(items);
    }
}
