package jp.tsunagu.consent;

import jp.tsunagu.directory.PatientId;

/** Published when a patient's consent changed (a new directive version); listeners act after the commit. */
public record ConsentChanged(PatientId patient) {
}
