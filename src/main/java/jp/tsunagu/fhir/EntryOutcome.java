package jp.tsunagu.fhir;

import java.util.Optional;

/**
 * What became of one entry of an import, for the per-entry answers of {@code transaction} and {@code batch}
 * and the {@code Location} of a create.
 *
 * @param expression where the entry sat, e.g. {@code Bundle.entry[2].resource}
 * @param id the portal's id for it: the item's, or the patient's for a Patient entry
 */
public record EntryOutcome(String expression, String resourceType, Kind kind, Optional<String> id) {

    public enum Kind {
        CREATED, UPDATED, UNCHANGED,
        /** no item of its own (Organization, Practitioner, a Patient already known): it served the others */
        REFERENCED
    }
}
