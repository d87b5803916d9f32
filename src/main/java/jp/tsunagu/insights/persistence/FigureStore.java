package jp.tsunagu.insights.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The raw facts behind the public figures, straight from the record's and the directory's tables: who
 * was in which hospital's bed when, who tested positive where, who got the same drug or test from two
 * hospitals within 30 days. Rows carry the patient so that the figures can leave out those who opted out
 * of public-health use; nothing here leaves the server unaggregated.
 */
@Repository
public class FigureStore {

    private final JdbcClient jdbc;

    FigureStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Hospital(UUID id, String name, Optional<Integer> prefecture, int licensedBeds) {
    }

    public record Stay(UUID patient, UUID hospital, LocalDate day) {
    }

    public record Positive(UUID patient, Optional<Integer> prefecture, LocalDate week) {
    }

    public record Duplicate(UUID patient, LocalDate day) {
    }

    /** Hospitals with licensed beds. */
    public List<Hospital> hospitals() {
        return jdbc.sql("""
                        select id, name, prefecture, licensed_beds from directory_organisation
                        where kind = 'HOSPITAL' and coalesce(licensed_beds, 0) > 0 order by prefecture, name""")
                .query((rs, row) -> new Hospital(rs.getObject(1, UUID.class), rs.getString(2),
                        Optional.ofNullable((Integer) rs.getObject(3)), rs.getInt(4))).list();
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
                        join record_item i on i.id = e.item_id
                        where i.source_org_id is not null and not i.undisclosed and not i.quarantined""")
                .param("from", from).param("to", to)
                .query((RowCallbackHandler) rs -> stays.add(new Stay(rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class), rs.getObject(3, LocalDate.class))));
        return stays;
    }

    /** Positive infection tests since {@code from}, by the testing hospital's prefecture and the week's Monday. */
    public List<Positive> positives(Instant from) {
        List<Positive> positives = new ArrayList<>();
        jdbc.sql("""
                        select distinct i.patient_id, o.prefecture,
                            date_trunc('week', i.effective_at at time zone 'Asia/Tokyo')::date
                        from record_infection_test t join record_item i on i.id = t.item_id
                        left join directory_organisation o on o.id = i.source_org_id
                        where t.positive and i.effective_at >= :from and not i.undisclosed and not i.quarantined
                          and cardinality(i.sensitive_labels) = 0""")
                .param("from", java.sql.Timestamp.from(from))
                .query((RowCallbackHandler) rs -> positives.add(new Positive(rs.getObject(1, UUID.class),
                        Optional.ofNullable((Integer) rs.getObject(2)), rs.getObject(3, LocalDate.class))));
        return positives;
    }

    /**
     * The later of two prescriptions of the same ingredient (the first seven characters of the YJ code) from two
     * hospitals whose start dates are at most 30 days apart, since {@code from}. One pass with a window per
     * patient and ingredient: two different hospitals within the 30 days up to a prescription make it a
     * duplicate (one of them is not the prescription's own).
     */
    public List<Duplicate> duplicatePrescriptions(LocalDate from) {
        return duplicates("""
                select i.patient_id as patient, i.source_org_id::text as org, left(upper(r.code), 7) as item,
                    r.period_start as day
                from record_prescription r join record_item i on i.id = r.item_id
                where r.code is not null and r.period_start is not null and i.source_org_id is not null
                  and not i.undisclosed and not i.quarantined and cardinality(i.sensitive_labels) = 0
                  and r.period_start >= cast(:from as date) - 30""", from);
    }

    /** The later of two results of the same test from two hospitals at most 30 days apart, since {@code from}. */
    public List<Duplicate> duplicateTests(LocalDate from) {
        return duplicates("""
                select i.patient_id as patient, i.source_org_id::text as org, upper(l.code) as item,
                    (i.effective_at at time zone 'Asia/Tokyo')::date as day
                from record_lab_result l join record_item i on i.id = l.item_id
                where l.code is not null and i.effective_at is not null and i.source_org_id is not null
                  and not i.undisclosed and not i.quarantined and cardinality(i.sensitive_labels) = 0
                  and i.effective_at >= (cast(:from as date) - 30)::timestamp at time zone 'Asia/Tokyo'""", from);
    }

    /** {@code rows} yields (patient, org, item, day); a row is a duplicate when its window holds two hospitals. */
    private List<Duplicate> duplicates(String rows, LocalDate from) {
        return jdbc.sql("""
                        select distinct patient, day from (
                            select patient, day,
                                min(org) over w <> max(org) over w as two_hospitals
                            from (""" + rows + """
                            ) x
                            window w as (partition by patient, item order by day
                                         range between interval '30 days' preceding and current row)
                        ) y
                        where two_hospitals and day >= :from""")
                .param("from", from).query((rs, row) -> new Duplicate(rs.getObject(1, UUID.class),
                        rs.getObject(2, LocalDate.class))).list();
    }

    /** Patients with a medication allergy or contraindication on record (not 未告知). */
    public List<UUID> patientsWithDrugAllergies() {
        return jdbc.sql("""
                        select distinct i.patient_id from record_allergy a join record_item i on i.id = a.item_id
                        where a.allergy_category = 'medication' and not i.undisclosed and not i.quarantined""")
                .query(UUID.class).list();
    }

    /** Documents (3文書) hospitals sent, and the patients they are about. */
    public List<UUID> documentPatients() {
        return jdbc.sql("""
                        select i.patient_id from record_document d join record_item i on i.id = d.item_id
                        where i.source_org_id is not null and not i.undisclosed and not i.quarantined""")
                .query(UUID.class).list();
    }

    public long patients() {
        return jdbc.sql("select count(*) from directory_patient").query(Long.class).single();
    }
}
