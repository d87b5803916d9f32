package jp.tsunagu.consent;

import java.util.List;

import jp.tsunagu.directory.PatientId;

/**
 * Where the modules that count patients (research) tell the patient's access log which aggregate
 * uses counted them. An interface here, implemented there, so that consent never depends on them.
 */
public interface AggregateUses {

    /** Newest first; answered for the signed-in patient only. */
    List<AggregateUse> countedIn(PatientId patient);
}
