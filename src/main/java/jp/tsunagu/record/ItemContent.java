package jp.tsunagu.record;

import java.time.Instant;
import java.util.Optional;

/** The typed fields of one record item; each kind has its own table. */
public sealed interface ItemContent permits Encounter, Diagnosis, Allergy, InfectionTest, LabResult, Prescription,
        ClinicalDocument, PhrEntry, OtherResource {

    ItemKind kind();

    RecordCategory category();

    /** When it happened (measured, admitted, authored), for ordering and periods. */
    Optional<Instant> effectiveAt();
}
