package jp.tsunagu.research;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jp.tsunagu.consent.Purpose;
import jp.tsunagu.consent.PurposeConsents;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.research.counting.CohortEngine;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The plain answer the engine must equal: each definition translated to one SQL query over the record's
 * tables, intersected with what the decision point (asked patient by patient) permits for the purpose.
 * Written independently of the index: no bitmaps, no months arithmetic in Java, no packing.
 */
final class Oracle {

    private static final String COUNTABLE = " and not i.undisclosed and cardinality(i.sensitive_labels) = 0";

    private final JdbcClient jdbc;
    private final PurposeConsents consents;

    Oracle(JdbcClient jdbc, PurposeConsents consents) {
        this.jdbc = jdbc;
        this.consents = consents;
    }

    Set<UUID> cohort(Criterion definition, Purpose purpose, LocalDate today) {
        Map<String, Object> params = new HashMap<>();
        String where = sql(definition, params, new AtomicInteger(), today);
        Set<UUID> matching = new HashSet<>(jdbc.sql("select p.id from directory_patient p where " + where)
                .params(params).query(UUID.class).list());
        Set<RecordCategory> needed = definition.categories();
        Set<UUID> counted = new HashSet<>();
        SystemActor.run("oracle", () -> {
            java.time.Instant now = java.time.Instant.now();
            for (UUID id : matching) {
                Set<RecordCategory> permitted = consents.permitted(new PatientId(id), purpose, now);
                boolean allowed = needed.isEmpty()
                        ? permitted.stream().anyMatch(CohortEngine.CATEGORIES::contains)
                        : permitted.containsAll(needed);
                if (allowed) {
                    counted.add(id);
                }
            }
        });
        return counted;
    }

    private static String sql(Criterion c, Map<String, Object> params, AtomicInteger n, LocalDate today) {
        String p = "v" + n.incrementAndGet();
        return switch (c) {
            case Criterion.Diagnosis d -> {
                params.put(p, d.code() + "%");
                yield "exists (select 1 from record_item i join record_diagnosis d on d.item_id = i.id"
                        + " where i.patient_id = p.id" + COUNTABLE + " and upper(d.icd10) like :" + p
                        + " and coalesce(d.verification, '') not in ('refuted', 'entered-in-error'))";
            }
            case Criterion.Prescription r -> {
                params.put(p, r.code() + "%");
                yield "exists (select 1 from record_item i join record_prescription r on r.item_id = i.id"
                        + " where i.patient_id = p.id" + COUNTABLE + " and upper(r.code) like :" + p + ")";
            }
            case Criterion.Lab l -> {
                params.put(p + "c", l.code());
                params.put(p + "v", l.value());
                params.put(p + "m", l.months() - 1);
                params.put(p + "t", today);
                String op = switch (l.comparison()) {
                    case GREATER -> ">";
                    case GREATER_OR_EQUAL -> ">=";
                    case LESS -> "<";
                    case LESS_OR_EQUAL -> "<=";
                };
                yield "exists (select 1 from record_item i join record_lab_result l on l.item_id = i.id"
                        + " where i.patient_id = p.id" + COUNTABLE + " and upper(l.code) = :" + p + "c"
                        + " and l.value_numeric " + op + " :" + p + "v"
                        + " and (i.effective_at at time zone 'Asia/Tokyo')::date >= date_trunc('month', cast(:" + p
                        + "t as date)) - make_interval(months => :" + p + "m))";
            }
            case Criterion.Age a -> {
                params.put(p + "t", today);
                params.put(p + "min", a.min());
                params.put(p + "max", a.max());
                yield "extract(year from age(cast(:" + p + "t as date), p.birth_date)) between :" + p + "min and :"
                        + p + "max";
            }
            case Criterion.SexIs s -> {
                params.put(p, s.sex().code());
                yield "p.sex = :" + p;
            }
            case Criterion.LivesIn l -> {
                params.put(p, l.prefecture().code());
                yield "p.prefecture = :" + p;
            }
            case Criterion.All g -> "(" + String.join(" and ", g.parts().stream()
                    .map(part -> sql(part, params, n, today)).toList()) + ")";
            case Criterion.Any g -> "(" + String.join(" or ", g.parts().stream()
                    .map(part -> sql(part, params, n, today)).toList()) + ")";
            case Criterion.Not x -> "not (" + sql(x.part(), params, n, today) + ")";
        };
    }
}
