package jp.tsunagu.fhir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Row counts of every table an import may touch: "nothing changed" is checked, not assumed. */
final class RecordTables {

    static final List<String> TABLES = List.of("directory_organisation", "directory_patient",
            "directory_patient_identifier", "directory_practitioner", "directory_care_relationship", "record_import",
            "record_item", "record_encounter", "record_diagnosis", "record_allergy", "record_infection_test",
            "record_lab_result", "record_prescription", "record_document", "record_document_section",
            "record_phr_entry", "record_other");

    private RecordTables() {
    }

    static Map<String, Long> counts(JdbcClient jdbc) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        return counts;
    }
}
