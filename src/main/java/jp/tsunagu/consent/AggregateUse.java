package jp.tsunagu.consent;

import java.time.Instant;
import java.util.Optional;

/**
 * An aggregate use that counted the patient's record (a feasibility count, a safety analysis): shown
 * in the patient's access log beside the reads. Nobody saw the patient; the record was counted.
 *
 * @param user the organisation that asked (a sponsor's name)
 * @param study the study it was for, when there was one
 */
public record AggregateUse(Instant at, Purpose purpose, String user, Optional<String> study) {
}
