package jp.tsunagu.record;

import jp.tsunagu.directory.PatientId;

/**
 * A steward decided a "not my record" case. Published in the deciding transaction, so the patient's notice
 * (written by the consent module, which owns the inbox) commits with the decision or not at all.
 *
 * @param sender the name of the organisation whose records were held back
 */
public record QuarantineDecided(PatientId patient, String sender, Quarantines.State decision) {
}
