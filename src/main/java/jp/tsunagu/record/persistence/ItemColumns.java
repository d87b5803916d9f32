package jp.tsunagu.record.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jp.tsunagu.record.Allergy;
import jp.tsunagu.record.ClinicalDocument;
import jp.tsunagu.record.Code;
import jp.tsunagu.record.Diagnosis;
import jp.tsunagu.record.Encounter;
import jp.tsunagu.record.InfectionTest;
import jp.tsunagu.record.ItemContent;
import jp.tsunagu.record.ItemKind;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.OtherResource;
import jp.tsunagu.record.PhrEntry;
import jp.tsunagu.record.Prescription;
import org.jspecify.annotations.Nullable;

/**
 * One place that knows how each kind of item maps to its table's columns, used by the row-by-row
 * store and by the bulk loader (COPY) alike, so the two can never disagree.
 */
public final class ItemColumns {

    private ItemColumns() {
    }

    public static String table(ItemKind kind) {
        return switch (kind) {
            case ENCOUNTER -> "record_encounter";
            case DIAGNOSIS -> "record_diagnosis";
            case ALLERGY -> "record_allergy";
            case INFECTION_TEST -> "record_infection_test";
            case LAB_RESULT -> "record_lab_result";
            case PRESCRIPTION -> "record_prescription";
            case DOCUMENT -> "record_document";
            case PHR_ENTRY -> "record_phr_entry";
            case OTHER -> "record_other";
        };
    }

    /** Column names after {@code item_id}, in the order of {@link #values}. */
    public static List<String> columns(ItemKind kind) {
        return switch (kind) {
            case ENCOUNTER -> List.of("class", "status", "ward_type", "period_start", "period_end");
            case DIAGNOSIS -> List.of("name", "code_system", "code", "icd10", "clinical_status", "verification",
                    "onset_text", "onset_date", "note");
            case ALLERGY -> List.of("substance", "code_system", "code", "allergy_category", "type", "criticality",
                    "clinical_status", "reaction", "note");
            case INFECTION_TEST -> List.of("name", "code_system", "code", "result", "positive");
            case LAB_RESULT -> List.of("name", "code_system", "code", "value_numeric", "value_text", "unit",
                    "reference_low", "reference_high", "interpretation");
            case PRESCRIPTION -> List.of("drug_name", "code_system", "code", "dose_text", "dose_quantity", "dose_unit",
                    "period_start", "period_end", "status");
            case DOCUMENT -> List.of("type", "title", "status", "authored_at");
            case PHR_ENTRY -> List.of("type", "value1", "value2", "unit", "note");
            case OTHER -> List.of("resource_type", "summary");
        };
    }

    /** Values for {@link #columns}: String, BigDecimal, Boolean, LocalDate, Timestamp or null. */
    public static @Nullable Object[] values(ItemContent content) {
        return switch (content) {
            case Encounter e -> row(e.encounterClass().name(), e.status(), e.wardType(), ts(e.start()), ts(e.end()));
            case Diagnosis d -> row(d.name(), system(d.code()), code(d.code()), d.icd10(), d.clinicalStatus(),
                    d.verification(), d.onsetText(), d.onsetDate(), d.note());
            case Allergy a -> row(a.substance(), system(a.code()), code(a.code()), a.allergyCategory().code(), a.type(),
                    a.criticality(), a.clinicalStatus(), a.reaction(), a.note());
            case InfectionTest t -> row(t.name(), system(t.code()), code(t.code()), t.result(), t.positive());
            case LabResult l -> row(l.name(), system(l.code()), code(l.code()), l.value(), l.valueText(), l.unit(),
                    l.referenceLow(), l.referenceHigh(), l.interpretation());
            case Prescription p -> row(p.drugName(), system(p.code()), code(p.code()), p.doseText(), p.doseQuantity(),
                    p.doseUnit(), p.start(), p.end(), p.status());
            case ClinicalDocument d -> row(d.type().name(), d.title(), d.status(), ts(d.authoredAt()));
            case PhrEntry p -> row(p.type().name(), p.value1(), p.value2(), p.unit(), p.note());
            case OtherResource o -> row(o.resourceType(), o.summary());
        };
    }

    /**
     * Reads the content back from a row of the kind's table (documents get their sections separately).
     * Display texts of codes are not columns: the name column is the display.
     */
    public static ItemContent read(ItemKind kind, ResultSet rs, @Nullable Instant effectiveAt) throws SQLException {
        return switch (kind) {
            case ENCOUNTER -> new Encounter(Encounter.EncounterClass.valueOf(rs.getString("class")),
                    rs.getString("status"), str(rs, "ward_type"), instant(rs, "period_start"), instant(rs, "period_end"));
            case DIAGNOSIS -> new Diagnosis(rs.getString("name"), code(rs, "name"), str(rs, "icd10"),
                    str(rs, "clinical_status"), str(rs, "verification"), str(rs, "onset_text"), date(rs, "onset_date"),
                    str(rs, "note"));
            case ALLERGY -> new Allergy(rs.getString("substance"), code(rs, "substance"),
                    Allergy.AllergyCategory.valueOf(rs.getString("allergy_category").toUpperCase(java.util.Locale.ROOT)),
                    str(rs, "type"), str(rs, "criticality"), str(rs, "clinical_status"), str(rs, "reaction"),
                    str(rs, "note"), Optional.ofNullable(effectiveAt));
            case INFECTION_TEST -> new InfectionTest(rs.getString("name"), code(rs, "name"), rs.getString("result"),
                    Optional.ofNullable((Boolean) rs.getObject("positive")), Optional.ofNullable(effectiveAt));
            case LAB_RESULT -> new LabResult(rs.getString("name"), code(rs, "name"), decimal(rs, "value_numeric"),
                    str(rs, "value_text"), str(rs, "unit"), decimal(rs, "reference_low"), decimal(rs, "reference_high"),
                    str(rs, "interpretation"), Optional.ofNullable(effectiveAt));
            case PRESCRIPTION -> new Prescription(rs.getString("drug_name"), code(rs, "drug_name"),
                    str(rs, "dose_text"), decimal(rs, "dose_quantity"), str(rs, "dose_unit"), date(rs, "period_start"),
                    date(rs, "period_end"), str(rs, "status"));
            case DOCUMENT -> new ClinicalDocument(ClinicalDocument.DocumentType.valueOf(rs.getString("type")),
                    rs.getString("title"), rs.getString("status"), instant(rs, "authored_at"), List.of());
            case PHR_ENTRY -> new PhrEntry(PhrEntry.PhrType.valueOf(rs.getString("type")), decimal(rs, "value1"),
                    decimal(rs, "value2"), str(rs, "unit"), str(rs, "note"),
                    Optional.ofNullable(effectiveAt).orElseThrow());
            case OTHER -> new OtherResource(rs.getString("resource_type"), str(rs, "summary"),
                    Optional.ofNullable(effectiveAt));
        };
    }

    private static @Nullable Object[] row(Object... values) {
        @Nullable Object[] row = Arrays.copyOf(values, values.length);
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof Optional<?> optional) {
                row[i] = optional.orElse(null);
            }
        }
        return row;
    }

    private static Optional<Timestamp> ts(Optional<Instant> instant) {
        return instant.map(Timestamp::from);
    }

    private static Optional<String> system(Optional<Code> code) {
        return code.map(Code::system);
    }

    private static Optional<String> code(Optional<Code> code) {
        return code.map(Code::code);
    }

    private static Optional<Code> code(ResultSet rs, String displayColumn) throws SQLException {
        String system = rs.getString("code_system");
        String code = rs.getString("code");
        return system == null || code == null ? Optional.empty()
                : Optional.of(new Code(system, code, Optional.ofNullable(rs.getString(displayColumn))));
    }

    private static Optional<String> str(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    private static Optional<BigDecimal> decimal(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getBigDecimal(column));
    }

    private static Optional<LocalDate> date(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, LocalDate.class));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return Optional.ofNullable(ts).map(Timestamp::toInstant);
    }

    static List<String> allColumns(ItemKind kind) {
        List<String> all = new ArrayList<>();
        all.add("item_id");
        all.addAll(columns(kind));
        return all;
    }
}
