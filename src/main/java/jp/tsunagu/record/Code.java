package jp.tsunagu.record;

import java.util.Optional;

/** A coded value (ICD-10, JLAC10, LOINC, YJ, HOT …) with the display text the source sent. */
public record Code(String system, String code, Optional<String> display) {

    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    public static final String JLAC10 = "urn:oid:1.2.392.200119.4.504";
    public static final String LOINC = "http://loinc.org";
    public static final String YJ = "urn:oid:1.2.392.100495.20.1.73";
    public static final String HOT9 = "urn:oid:1.2.392.200119.4.403.1";

    public static Code of(String system, String code, String display) {
        return new Code(system, code, Optional.of(display));
    }
}
