package jp.tsunagu.fhir;

import java.util.List;
import java.util.Map;

import jp.tsunagu.directory.PatientId;

/**
 * What an import did. {@code kept} lists resource types the record does not model but kept with their
 * provenance (resource type → count), so nothing is dropped silently; {@code warnings} what the sender
 * should fix although it did not stop the import.
 */
public record ImportResult(PatientId patient, boolean patientRegistered, boolean alreadyImported, int resources,
        long added, long updated, long unchanged, Map<String, Long> addedByCategory, Map<String, Long> kept,
        List<ImportProblem> warnings, List<EntryOutcome> entries) {

    public ImportResult {
        warnings = List.copyOf(warnings);
        entries = List.copyOf(entries);
    }

    public List<String> summaryLines() {
        return List.of("resources=" + resources, "added=" + added, "updated=" + updated, "unchanged=" + unchanged);
    }
}
