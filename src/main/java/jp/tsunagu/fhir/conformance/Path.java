package jp.tsunagu.fhir.conformance;

import org.jspecify.annotations.Nullable;

/**
 * A location in the checked resource, built as the checker descends and turned into text only for a finding:
 * {@code dosageInstruction[0].timing.code}, in the style of the importer's own problem paths.
 */
record Path(@Nullable Path parent, String name, int index) {

    static final Path ROOT = new Path(null, "", -1);

    Path child(String name, int index) {
        return new Path(this, name, index);
    }

    Path child(String name) {
        return new Path(this, name, -1);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        append(text);
        return text.toString();
    }

    private void append(StringBuilder text) {
        if (parent != null) {
            parent.append(text);
        }
        if (name.isEmpty()) {
            return;
        }
        if (!text.isEmpty()) {
            text.append('.');
        }
        text.append(name);
        if (index >= 0) {
            text.append('[').append(index).append(']');
        }
    }
}
