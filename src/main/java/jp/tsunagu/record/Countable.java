package jp.tsunagu.record;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * The shapes in which {@link CountableFacts} hands out facts: callbacks for the large streams (the cohort
 * index reads tens of millions of rows and keeps none of them as objects), records for the small lists.
 * A type of its own so that the record's SQL and its API share it without depending on each other.
 */
public final class Countable {

    private Countable() {
    }

    /** A coded diagnosis (ICD-10) or prescription (YJ code) with its name as the sender wrote it. */
    public interface Coded {
        void item(PatientId patient, String code, String name);
    }

    /** A numeric lab result, with its reference range when the sender gave one, on its day (JST). */
    public interface Labs {
        void result(PatientId patient, String code, String name, String unit, BigDecimal value,
                @Nullable BigDecimal low, @Nullable BigDecimal high, LocalDate day);
    }

    /** A patient exposed to a drug since {@code firstDay}, and whether a lab signal came before or after. */
    public interface Exposure {
        void patient(PatientId patient, LocalDate firstDay, boolean before, boolean after);
    }

    /** A patient in a hospital's bed at noon (JST) of a day. */
    public record Stay(PatientId patient, OrganisationId hospital, LocalDate day) {
    }

    /** A positive infection test in the week starting {@code week} (Monday, JST), from the sending hospital. */
    public record Positive(PatientId patient, Optional<OrganisationId> hospital, LocalDate week) {
    }
}
