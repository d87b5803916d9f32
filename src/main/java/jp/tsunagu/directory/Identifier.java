package jp.tsunagu.directory;

/** An identifier as FHIR carries it: a naming system and a value within it. */
public record Identifier(String system, String value) {

    /** 医療機関コード (10 digits: prefecture, point-table, institution). */
    public static final String MEDICAL_INSTITUTION = "http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no";
    /** 被保険者個人識別子, the identifier the national sharing service matches patients by. */
    public static final String INSURANCE_MEMBER = "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID";
    /** Root of per-hospital patient numbers: the root followed by "1" and the 医療機関コード. */
    public static final String LOCAL_PATIENT_ROOT = "urn:oid:1.2.392.200119.6.102";
    /** The root JP Core and JP-CLINS name for the same purpose (施設患者ID, rule R1010); both are in use. */
    public static final String JP_CORE_LOCAL_PATIENT_ROOT = "urn:oid:1.2.392.100495.20.3.51";
    private static final java.util.regex.Pattern LOCAL_PATIENT_SYSTEM = java.util.regex.Pattern.compile(
            "(?:" + java.util.regex.Pattern.quote(LOCAL_PATIENT_ROOT) + "|"
                    + java.util.regex.Pattern.quote(JP_CORE_LOCAL_PATIENT_ROOT) + ")\\.1([0-9]{10})");

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

    /**
     * The 医療機関コード whose own patient numbers this naming system holds, if it is one: such an
     * identifier belongs to that hospital, and only that hospital may find a patient by it.
     */
    public static java.util.Optional<String> localPatientInstitution(String system) {
        var match = LOCAL_PATIENT_SYSTEM.matcher(system);
        return match.matches() ? java.util.Optional.of(match.group(1)) : java.util.Optional.empty();
    }

    public boolean isNationalInsuranceMember() {
        return INSURANCE_MEMBER.equals(system);
    }

    @Override
    public String toString() {
        return system + "|" + value;
    }
}
