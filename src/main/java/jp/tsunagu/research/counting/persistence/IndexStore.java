package jp.tsunagu.research.counting.persistence;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.tsunagu.directory.PatientId;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dense patient numbers the cohort index's bitmaps use: assigned once, in the order the directory
 * registered the patients, never reused. The facts themselves come from the record's and the directory's
 * APIs ({@code CountableFacts}, {@code DirectoryFacts}); this store names only research's own table.
 */
@Repository
public class IndexStore {

    private final JdbcClient jdbc;

    IndexStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Gives every one of these patients without a number the next ones, in the order given, and returns the
     * numbers of all numbered patients (one read, so that a build maps millions of rows without a query each).
     */
    public Map<PatientId, Integer> numberEveryone(List<PatientId> inOrder) {
        Map<PatientId, Integer> numbers = allNumbers();
        UUID[] missing = inOrder.stream().filter(p -> !numbers.containsKey(p)).map(PatientId::value)
                .toArray(UUID[]::new);
        if (missing.length > 0) {
            jdbc.sql("""
                            insert into research_patient_number (patient_id)
                            select u.id from unnest(:ids) with ordinality as u(id, position)
                            order by u.position
                            on conflict (patient_id) do nothing""")
                    .param("ids", missing).update();
            numbers.putAll(numbers(java.util.Arrays.stream(missing).map(PatientId::new).toList()));
        }
        return numbers;
    }

    private Map<PatientId, Integer> allNumbers() {
        Map<PatientId, Integer> numbers = new HashMap<>();
        jdbc.sql("select patient_id, number from research_patient_number").withFetchSize(10_000)
                .query((RowCallbackHandler) rs -> numbers.put(new PatientId(rs.getObject(1, UUID.class)), rs.getInt(2)));
        return numbers;
    }

    public int numberOf(PatientId patient) {
        jdbc.sql("insert into research_patient_number (patient_id) values (:p) on conflict do nothing")
                .param("p", patient.value()).update();
        return jdbc.sql("select number from research_patient_number where patient_id = :p")
                .param("p", patient.value()).query(Integer.class).single();
    }

    public Map<PatientId, Integer> numbers(Collection<PatientId> patients) {
        Map<PatientId, Integer> numbers = new HashMap<>();
        if (patients.isEmpty()) {
            return numbers;
        }
        jdbc.sql("select patient_id, number from research_patient_number where patient_id = any(:ids)")
                .param("ids", patients.stream().map(PatientId::value).toArray(UUID[]::new))
                .query((RowCallbackHandler) rs -> numbers.put(new PatientId(rs.getObject(1, UUID.class)), rs.getInt(2)));
        return numbers;
    }

    public Map<Integer, PatientId> patients(int[] numbers) {
        Map<Integer, PatientId> patients = new HashMap<>();
        jdbc.sql("select number, patient_id from research_patient_number where number = any(:numbers)")
                .param("numbers", java.util.Arrays.stream(numbers).boxed().toArray(Integer[]::new))
                .query((RowCallbackHandler) rs -> patients.put(rs.getInt(1), new PatientId(rs.getObject(2, UUID.class))));
        return patients;
    }
}
