package jp.tsunagu.research.persistence;

import java.time.LocalDate;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The post-market query: patients exposed to a drug (first prescription of a YJ code or prefix), and
 * whether a lab signal occurred in the N days before or after that first day, straight from the
 * record's tables (countable items only, as for the index).
 */
@Repository
public class SafetyStore {

    private final JdbcClient jdbc;

    SafetyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public interface Exposure {
        void patient(int number, LocalDate firstDay, boolean before, boolean after);
    }

    /**
     * @param timesUpperLimit above this multiple of the result's upper limit; 0 means an eGFR-style drop
     *     below 70 % of the patient's previous value
     */
    public void exposures(String drugPrefix, java.util.List<String> labCodes, int timesUpperLimit, int days,
            Exposure each) {
        // Leading spaces: a text block drops the trailing space before a concatenation.
        String signal = timesUpperLimit > 0 ? " l.v > :times * l.high" : " l.v < 0.7 * l.previous";
        jdbc.sql("""
                        with exposed as (
                            select i.patient_id,
                                min(coalesce(r.period_start, (i.effective_at at time zone 'Asia/Tokyo')::date)) as first_day
                            from record_item i join record_prescription r on r.item_id = i.id
                            where not i.undisclosed and not i.quarantined and cardinality(i.sensitive_labels) = 0
                              and upper(r.code) like :drug || '%'
                            group by i.patient_id
                        ), l as (
                            select i.patient_id, (i.effective_at at time zone 'Asia/Tokyo')::date as day,
                                lr.value_numeric as v, lr.reference_high as high,
                                lag(lr.value_numeric) over (partition by i.patient_id order by i.effective_at) as previous
                            from record_item i join record_lab_result lr on lr.item_id = i.id
                            where not i.undisclosed and not i.quarantined and cardinality(i.sensitive_labels) = 0
                              and upper(lr.code) = any(:codes) and lr.value_numeric is not null
                              and i.effective_at is not null
                              and i.patient_id in (select patient_id from exposed)
                        ), events as (
                            select l.patient_id, l.day from l where """ + signal + """
                        )
                        select n.number, e.first_day,
                            exists (select 1 from events ev where ev.patient_id = e.patient_id
                                    and ev.day >= e.first_day - :days and ev.day < e.first_day),
                            exists (select 1 from events ev where ev.patient_id = e.patient_id
                                    and ev.day >= e.first_day and ev.day <= e.first_day + :days)
                        from exposed e join research_patient_number n on n.patient_id = e.patient_id
                        where e.first_day is not null""")
                .param("drug", drugPrefix).param("codes", labCodes.toArray(String[]::new))
                .param("times", timesUpperLimit).param("days", days)
                .query((RowCallbackHandler) rs -> each.patient(rs.getInt(1), rs.getObject(2, LocalDate.class),
                        rs.getBoolean(3), rs.getBoolean(4)));
    }
}
