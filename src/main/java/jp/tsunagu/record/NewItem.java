package jp.tsunagu.record;

import java.util.List;

/**
 * An item on its way in. {@code undisclosed} is 未告知 (not yet told to the patient: hidden from the
 * patient's own view until released); sensitive labels let a patient exclude e.g. mental health.
 */
public record NewItem(ItemContent content, Source source, boolean undisclosed, List<SensitiveLabel> sensitiveLabels) {

    public NewItem {
        sensitiveLabels = List.copyOf(sensitiveLabels);
    }

    public static NewItem of(ItemContent content, Source source) {
        return new NewItem(content, source, false, List.of());
    }
}
