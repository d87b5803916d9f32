package jp.tsunagu.research.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.directory.PatientId;
import jp.tsunagu.directory.Sex;
import jp.tsunagu.shared.Prefecture;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the cohort index is built from, read straight from the record's and the directory's tables
 * (PostgreSQL is the source of truth), and the dense patient numbers the bitmaps use. Only items that
 * aggregate uses may count: nothing 未告知, nothing held back as "not mine" (quarantined), nothing with a sensitive label, no refuted diagnosis.
 */
@Repository
public class IndexStore {

    private static final int FETCH = 10_000;

    /** The items aggregate uses may count, joined to their patients' numbers. */
    private static final String COUNTABLE = """
            join research_patient_number n on n.patient_id = i.patient_id
            where not i.undisclosed and not i.quarantined and cardinality(i.sensitive_labels) = 0
            """;

    private final JdbcClient jdbc;

    IndexStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public interface Demographics {
        void patient(int number, LocalDate birthDate, Sex sex, Optional<Prefecture> prefecture);
    }

    public interface Coded {
        void item(int number, String code, String name);
    }

    public interface Labs {
        void result(int number, String code, String name, String unit, BigDecimal value, @Nullable BigDecimal low,
                @Nullable BigDecimal high, LocalDate day);
    }

    /** Gives every patient without one a number (new patients get the next ones); returns the highest. */
    public int numberEveryone() {
        jdbc.sql("""
                        insert into research_patient_number (patient_id)
                        select p.id from directory_patient p
                        where not exists (select 1 from research_patient_number n where n.patient_id = p.id)
                        order by p.created_at, p.id
                        on conflict (patient_id) do nothing""").update();
        return jdbc.sql("select coalesce(max(number), -1) from research_patient_number").query(Integer.class).single();
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

    public void demographics(Optional<Integer> only, Demographics each) {
        jdbc.sql("""
                        select n.number, p.birth_date, p.sex, p.prefecture from directory_patient p
                        join research_patient_number n on n.patient_id = p.id""" + where(only, "n"))
                .params(params(only)).withFetchSize(FETCH)
                .query((RowCallbackHandler) rs -> each.patient(rs.getInt(1), rs.getObject(2, LocalDate.class),
                        Sex.ofCode(rs.getString(3)).orElse(Sex.UNKNOWN), prefecture(rs)));
    }

    public void diagnoses(Optional<Integer> only, Coded each) {
        jdbc.sql("""
                        select n.number, d.icd10, d.name from record_item i
                        join record_diagnosis d on d.item_id = i.id
                        """ + COUNTABLE + """
                         and d.icd10 is not null
                         and coalesce(d.verification, '') not in ('refuted', 'entered-in-error')""" + and(only, "n"))
                .params(params(only)).withFetchSize(FETCH)
                .query((RowCallbackHandler) rs -> each.item(rs.getInt(1), rs.getString(2), rs.getString(3)));
    }

    public void prescriptions(Optional<Integer> only, Coded each) {
        jdbc.sql("""
                        select n.number, r.code, r.drug_name from record_item i
                        join record_prescription r on r.item_id = i.id
                        """ + COUNTABLE + """
                         and r.code is not null""" + and(only, "n"))
                .params(params(only)).withFetchSize(FETCH)
                .query((RowCallbackHandler) rs -> each.item(rs.getInt(1), rs.getString(2), rs.getString(3)));
    }

    public void labs(Optional<Integer> only, Labs each) {
        jdbc.sql("""
                        select n.number, l.code, l.name, coalesce(l.unit, ''), l.value_numeric, l.reference_low,
                            l.reference_high, (i.effective_at at time zone 'Asia/Tokyo')::date
                        from record_item i
                        join record_lab_result l on l.item_id = i.id
                        """ + COUNTABLE + """
                         and l.code is not null and l.value_numeric is not null and i.effective_at is not null"""
                        + and(only, "n"))
                .params(params(only)).withFetchSize(FETCH)
                .query((RowCallbackHandler) rs -> each.result(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                        rs.getObject(8, LocalDate.class)));
    }

    private static String where(Optional<Integer> only, String alias) {
        return only.isPresent() ? " where " + alias + ".number = :number" : "";
    }

    private static String and(Optional<Integer> only, String alias) {
        return only.isPresent() ? " and " + alias + ".number = :number" : "";
    }

    private static Map<String, ?> params(Optional<Integer> only) {
        return only.<Map<String, ?>>map(n -> Map.of("number", n)).orElse(Map.of());
    }

    private static Optional<Prefecture> prefecture(ResultSet rs) throws SQLException {
        int code = rs.getInt(4);
        return rs.wasNull() ? Optional.empty() : Prefecture.ofCode(code);
    }
}
