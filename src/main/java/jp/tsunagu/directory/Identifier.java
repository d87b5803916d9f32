package jp.tsunagu.directory;

/** An identifier as FHIR carries it: a naming system and a value within it. */
public record Identifier(String system, String value) {

    /** 医療機関コード (10 digits: prefecture, point-table, institution). */
    public static final String MEDICAL_INSTITUTION = "http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no";
    /** 被保険者個人識別子, the identifier the national sharing service matches patients by. */
    public static final String INSURANCE_MEMBER = "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID";
    /** Root of per-hospital patient numbers: the root followed by "1" and the 医療機関コード. */
    public static final String LOCAL_PATIENT_ROOT = "urn:oid:1.2.392.200119.6.102";

    /** Trial sponsors and other organisations that do not treat patients, by the code they sign in with. */
    public static final String PORTAL_ORGANISATION = "https://tsunagu.jp/fhir/organisation";

    public Identifier {
        if (system.isBlank() || value.isBlank()) {
            throw new IllegalArgumentException("an identifier needs a system and a value");
        }
    }

    public static Identifier medicalInstitution(String code) {
        return new Identifier(MEDICAL_INSTITUTION, code);
    }

    public static Identifier portalOrganisation(String code) {
        return new Identifier(PORTAL_ORGANISATION, code);
    }

    /** A hospital's own patient number, in the naming system JP Core derives from its 医療機関コード. */
    public static Identifier localPatient(String institutionCode, String patientNumber) {
        return new Identifier(LOCAL_PATIENT_ROOT + ".1" + institutionCode, patientNumber);
    }

    @Override
    public String toString() {
        return system + "|" + value;
    }
}
