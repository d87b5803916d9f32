package jp.tsunagu.record.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.record.Countable.Coded;
import jp.tsunagu.record.Countable.Exposure;
import jp.tsunagu.record.Countable.Labs;
import jp.tsunagu.record.Countable.Positive;
import jp.tsunagu.record.Countable.Stay;
import jp.tsunagu.record.StatisticalDuplicate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code CountableFacts}. Every query reads the views {@code record_countable_item} and
 * {@code record_countable_diagnosis} (V0010), never {@code record_item} on its own: what may be counted is
 * decided there once, so no query here can forget a part of it.
 */
@Repository
public class CountableFactStore {

    private static final int FETCH = 10_000;

    private final JdbcClient jdbc;

    CountableFactStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void diagnoses(Optional<PatientId> only, Coded each) {
        jdbc.sql("select d.patient_id, d.icd10, d.name from record_countable_diagnosis d" + where(only, "d"))
                .params(params(only)).withFetchSize(FETCH)
                .query((RowCallbackHandler) rs -> each.item(patient(rs.getObject(1, UUID.class)), rs.getString(2),
                        rs.getString(3)));
    }

    public void prescriptions(Optional<PatientId> only, Coded each) {
        jdbc.sql("""
                        select i.patient_id, r.code, r.drug_name from record_countable_item i
                        join record_prescription r on r.item_id = i.id
                        where r.code is not null""" + and(only, "i"))
                .params(params(only)).withFetchSize(FETCH)
                .query((RowCallbackHandler) rs -> each.item(patient(rs.getObject(1, UUID.class)), rs.getString(2),
                        rs.getString(3)));
    }

    public void labs(Optional<PatientId> only, Labs each) {
        jdbc.sql("""
                        select i.patient_id, l.code, l.name, coalesce(l.unit, ''), l.value_numeric, l.reference_low,
                            l.reference_high, (i.effective_at at time zone 'Asia/Tokyo')::date
                        from record_countable_item i
                        join record_lab_result l on l.item_id = i.id
                        where l.code is not null and l.value_numeric is not null and i.effective_at is not null"""
                        + and(only, "i"))
                .params(params(only)).withFetchSize(FETCH)
                .query((RowCallbackHandler) rs -> each.result(patient(rs.getObject(1, UUID.class)), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6),
                        rs.getBigDecimal(7), rs.getObject(8, LocalDate.class)));
    }

    /**
     * @param timesUpperLimit above this multiple of the result's upper limit; 0 means an eGFR-style drop
     *     below 70 % of the patient's previous value
     */
    public void exposures(String drugPrefix, List<String> labCodes, int timesUpperLimit, int days, Exposure each) {
        // Leading spaces: a text block drops the trailing space before a concatenation.
        String signal = timesUpperLimit > 0 ? " l.v > :times * l.high" : " l.v < 0.7 * l.previous";
        jdbc.sql("""
                        with exposed as (
                            select i.patient_id,
                                min(coalesce(r.period_start, (i.effective_at at time zone 'Asia/Tokyo')::date)) as first_day
                            from record_countable_item i join record_prescription r on r.item_id = i.id
                            where upper(r.code) like :drug || '%'
                            group by i.patient_id
                        ), l as (
                            select i.patient_id, (i.effective_at at time zone 'Asia/Tokyo')::date as day,
                                lr.value_numeric as v, lr.reference_high as high,
                                lag(lr.value_numeric) over (partition by i.patient_id order by i.effective_at) as previous
                            from record_countable_item i join record_lab_result lr on lr.item_id = i.id
                            where upper(lr.code) = any(:codes) and lr.value_numeric is not null
                              and i.effective_at is not null
                              and i.patient_id in (select patient_id from exposed)
                        ), events as (
                            select l.patient_id, l.day from l where """ + signal + """
                        )
                        select e.patient_id, e.first_day,
                            exists (select 1 from events ev where ev.patient_id = e.patient_id
                                    and ev.day >= e.first_day - :days and ev.day < e.first_day),
                            exists (select 1 from events ev where ev.patient_id = e.patient_id
                                    and ev.day >= e.first_day and ev.day <= e.first_day + :days)
                        from exposed e
                        where e.first_day is not null""")
                .param("drug", drugPrefix).param("codes", labCodes.toArray(String[]::new))
                .param("times", timesUpperLimit).param("days", days)
                .query((RowCallbackHandler) rs -> each.patient(patient(rs.getObject(1, UUID.class)),
                        rs.getObject(2, LocalDate.class), rs.getBoolean(3), rs.getBoolean(4)));
    }

    /**
     * Inpatients at noon (JST) of each day from {@code from} to {@code to}: an inpatient encounter that began
     * before and had not ended by then, at the hospital that sent it.
     */
    public List<Stay> inpatients(LocalDate from, LocalDate to) {
        List<Stay> stays = new ArrayList<>();
        jdbc.sql("""
                        select distinct i.patient_id, i.source_org_id, d::date
                        from generate_series(cast(:from as date), cast(:to as date), interval '1 day') d
                        join record_encounter e on e.class = 'IMP'
                          and e.period_start <= (d::date + time '12:00') at time zone 'Asia/Tokyo'
                          and (e.period_end is null or e.period_end > (d::date + time '12:00') at time zone 'Asia/Tokyo')
                        join record_countable_item i on i.id = e.item_id
                        where i.source_org_id is not null""")
                .param("from", from).param("to", to)
                .query((RowCallbackHandler) rs -> stays.add(new Stay(patient(rs.getObject(1, UUID.class)),
                        new OrganisationId(rs.getObject(2, UUID.class)), rs.getObject(3, LocalDate.class))));
        return stays;
    }

    /** Positive infection tests since {@code from}, by the sending hospital and the week's Monday (JST). */
    public List<Positive> positives(Instant from) {
        List<Positive> positives = new ArrayList<>();
        jdbc.sql("""
                        select distinct i.patient_id, i.source_org_id,
                            date_trunc('week', i.effective_at at time zone 'Asia/Tokyo')::date
                        from record_infection_test t join record_countable_item i on i.id = t.item_id
                        where t.positive and i.effective_at >= :from""")
                .param("from", Timestamp.from(from))
                .query((RowCallbackHandler) rs -> positives.add(new Positive(patient(rs.getObject(1, UUID.class)),
                        Optional.ofNullable(rs.getObject(2, UUID.class)).map(OrganisationId::new),
                        rs.getObject(3, LocalDate.class))));
        return positives;
    }

    /**
     * {@link StatisticalDuplicate}s among prescriptions since {@code from}: the same ingredient (the YJ code's
     * first seven characters) by start day.
     */
    public List<StatisticalDuplicate> duplicatePrescriptions(LocalDate from) {
        return duplicates("""
                select i.patient_id as patient, i.source_org_id as org, left(upper(r.code), %d) as item,
                    r.period_start as day
                from record_prescription r join record_countable_item i on i.id = r.item_id
                where r.code is not null and r.period_start is not null and i.source_org_id is not null
                  and r.period_start >= cast(:from as date) - %d"""
                .formatted(StatisticalDuplicate.INGREDIENT_LENGTH, StatisticalDuplicate.WITHIN_DAYS), from);
    }

    /** {@link StatisticalDuplicate}s among lab results since {@code from}: the same lab code by day (JST). */
    public List<StatisticalDuplicate> duplicateTests(LocalDate from) {
        return duplicates("""
                select i.patient_id as patient, i.source_org_id as org, upper(l.code) as item,
                    (i.effective_at at time zone 'Asia/Tokyo')::date as day
                from record_lab_result l join record_countable_item i on i.id = l.item_id
                where l.code is not null and i.effective_at is not null and i.source_org_id is not null
                  and i.effective_at >= (cast(:from as date) - %d)::timestamp at time zone 'Asia/Tokyo'"""
                .formatted(StatisticalDuplicate.WITHIN_DAYS), from);
    }

    /**
     * {@code rows} yields (patient, org, item, day); a row is a duplicate when the window up to it holds two
     * hospitals (one of them is not its own). One pass with a window per patient and item.
     */
    private List<StatisticalDuplicate> duplicates(String rows, LocalDate from) {
        return jdbc.sql("""
                        select distinct patient, day from (
                            select patient, day,
                                min(org::text) over w <> max(org::text) over w as two_hospitals
                            from (%s) x
                            window w as (partition by patient, item order by day
                                         range between interval '%d days' preceding and current row)
                        ) y
                        where two_hospitals and day >= :from""".formatted(rows, StatisticalDuplicate.WITHIN_DAYS))
                .param("from", from)
                .query((rs, row) -> new StatisticalDuplicate(patient(rs.getObject(1, UUID.class)),
                        rs.getObject(2, LocalDate.class))).list();
    }

    /** Patients with a medication allergy or contraindication on record, once each. */
    public List<PatientId> patientsWithDrugAllergies() {
        return jdbc.sql("""
                        select distinct i.patient_id from record_allergy a join record_countable_item i on i.id = a.item_id
                        where a.allergy_category = 'medication'""")
                .query((rs, row) -> patient(rs.getObject(1, UUID.class))).list();
    }

    /** Documents (3文書) hospitals sent: the patient each is about, once per document. */
    public List<PatientId> documentPatients() {
        return jdbc.sql("""
                        select i.patient_id from record_document d join record_countable_item i on i.id = d.item_id
                        where i.source_org_id is not null""")
                .query((rs, row) -> patient(rs.getObject(1, UUID.class))).list();
    }

    private static PatientId patient(UUID id) {
        return new PatientId(id);
    }

    private static String where(Optional<PatientId> only, String alias) {
        return only.isPresent() ? " where " + alias + ".patient_id = :patient" : "";
    }

    private static String and(Optional<PatientId> only, String alias) {
        return only.isPresent() ? " and " + alias + ".patient_id = :patient" : "";
    }

    private static Map<String, ?> params(Optional<PatientId> only) {
        return only.<Map<String, ?>>map(p -> Map.of("patient", p.value())).orElse(Map.of());
    }
}
