package jp.tsunagu.fhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/**
 * One kind of check at a time: a resource that meets its profile (a JP Core example, or a JP-CLINS resource
 * written for the purpose) has no findings; one change that breaks one rule gives exactly that finding, at
 * the path the importer will show.
 */
class ConformanceChecksTest {

    private static final String JP_CONDITION_ECS = """
            {"resourceType":"Condition","id":"c1",
             "meta":{"lastUpdated":"2024-01-10T10:00:00+09:00",
                     "profile":["http://jpfhir.jp/fhir/eCS/StructureDefinition/JP_Condition_eCS"]},
             "identifier":[{"system":"http://jpfhir.jp/fhir/core/IdSystem/resourceInstance-identifier",
                            "value":"1311234567-2024-00123456"}],
             "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical",
                                          "code":"active"}]},
             "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status",
                                              "code":"confirmed"}]},
             "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-category",
                                     "code":"encounter-diagnosis"}]}],
             "code":{"coding":[{"system":"http://medis.or.jp/CodeSystem/master-disease-keyNumber",
                                "code":"20054625","display":"狭心症"}],"text":"狭心症"},
             "subject":{"reference":"Patient/p1"},
             "onsetDateTime":"2024-01-10","recordedDate":"2024-01-10"}
            """;

    private static final String JP_PATIENT_ECS = """
            {"resourceType":"Patient","id":"p1",
             "meta":{"lastUpdated":"2024-01-10T10:00:00+09:00",
                     "profile":["http://jpfhir.jp/fhir/eCS/StructureDefinition/JP_Patient_eCS"]},
             "identifier":[{"system":"http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID",
                            "value":"00012345:あいう:１８７:05"}],
             "name":[{"use":"official","text":"東京 太郎","family":"東京","given":["太郎"]}],
             "gender":"male","birthDate":"1970-01-01",
             "address":[{"text":"東京都千代田区1-1","postalCode":"100-0001","country":"JP"}]}
            """;

    private final Conformance conformance = TestPackages.conformance();

    @Test
    void theUnchangedResources_haveNoFindings() {
        for (String file : List.of("MedicationRequest-jp-medicationrequest-example-1.json",
                "Observation-jp-observation-labresult-example-1.json",
                "DiagnosticReport-jp-diagnosticreport-microbiology-example-1.json",
                "Patient-jp-patient-example-1.json")) {
            assertThat(conformance.check(TestPackages.jpCoreExample(file))).as(file).isEmpty();
        }
        assertThat(conformance.check(TestPackages.parse(JP_CONDITION_ECS))).isEmpty();
        assertThat(conformance.check(TestPackages.parse(JP_PATIENT_ECS))).isEmpty();
    }

    @Test
    void cardinalityMin_aRequiredElementIsMissing() {
        MedicationRequest request = medicationRequest();
        request.setAuthoredOnElement(null);
        assertFindings(request, tuple(Finding.Severity.ERROR, "authoredOn", ProfileCheck.CARDINALITY_MIN));
    }

    @Test
    void cardinalityMax_moreThanTheProfileAllows() {
        Condition condition = (Condition) TestPackages.parse(JP_CONDITION_ECS);
        condition.addCategory(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", null)));
        assertFindings(condition, tuple(Finding.Severity.ERROR, "category", ProfileCheck.CARDINALITY_MAX));
    }

    @Test
    void fixedValue_insideABackboneElement() {
        MedicationRequest request = medicationRequest();
        request.getDispenseRequest().getExpectedSupplyDuration().setUnit("days");
        assertFindings(request, tuple(Finding.Severity.ERROR, "dispenseRequest.expectedSupplyDuration.unit",
                ProfileCheck.FIXED_VALUE));
    }

    /** bounds[x]:boundsDuration is constrained in JP_MedicationDosage, the data type profile of dosageInstruction. */
    @Test
    void fixedValue_onAChoiceTypeSliceOfADataTypeProfile() {
        MedicationRequest request = medicationRequest();
        Duration days = new Duration();
        days.setValue(3).setUnit("日").setSystem("http://unitsofmeasure.org").setCode("d");
        request.getDosageInstructionFirstRep().getTiming().getRepeat().setBounds(days);
        assertThat(conformance.check(request)).isEmpty();

        days.setUnit("days");
        assertFindings(request, tuple(Finding.Severity.ERROR, "dosageInstruction[0].timing.repeat.bounds.unit",
                ProfileCheck.FIXED_VALUE));
    }

    @Test
    void pattern_aCodeableConceptWithoutThePatternsCoding() {
        DiagnosticReport report = (DiagnosticReport) TestPackages.jpCoreExample(
                "DiagnosticReport-jp-diagnosticreport-microbiology-example-1.json");
        report.getCode().getCodingFirstRep().setCode("11502-2");
        List<Finding> findings = assertFindings(report,
                tuple(Finding.Severity.ERROR, "code", ProfileCheck.PATTERN));
        assertThat(findings.getFirst().arguments()).contains(
                "http://jpfhir.jp/fhir/core/CodeSystem/JP_DocumentCodes_CS|18725-2");
    }

    @Test
    void sliceMin_noCategoryMatchesTheRequiredSlice() {
        Observation observation = (Observation) TestPackages.jpCoreExample(
                "Observation-jp-observation-labresult-example-1.json");
        observation.getCategoryFirstRep().getCodingFirstRep().setCode("exam");
        List<Finding> findings = assertFindings(observation,
                tuple(Finding.Severity.ERROR, "category", ProfileCheck.SLICE_MIN));
        assertThat(findings.getFirst().arguments()).startsWith("category:laboratory", 1);
    }

    @Test
    void sliceMax_aSliceMatchedTwice() {
        MedicationRequest request = medicationRequest();
        request.addIdentifier(new Identifier().setSystem("urn:oid:1.2.392.100495.20.3.81").setValue("2"));
        assertFindings(request, tuple(Finding.Severity.ERROR, "identifier", ProfileCheck.SLICE_MAX));
    }

    /**
     * JP_Condition_eCS closes the slicing of meta.tag, whose base element is also bound (required) to the same
     * value set: an unknown tag breaks both rules.
     */
    @Test
    void closedSlicing_aTagNoSliceAllows() {
        Condition condition = (Condition) TestPackages.parse(JP_CONDITION_ECS);
        condition.getMeta().addTag("http://jpfhir.jp/fhir/clins/CodeSystem/JP_ehrshrs_indication", "LTS", null);
        assertThat(conformance.check(condition)).isEmpty();

        condition.getMeta().addTag("http://example.org/tags", "urgent", null);
        assertFindings(condition,
                tuple(Finding.Severity.ERROR, "meta.tag[1]", ProfileCheck.CODE_NOT_IN_VALUE_SET),
                tuple(Finding.Severity.ERROR, "meta.tag[1]", ProfileCheck.CLOSED_SLICE));
    }

    /** condition-clinical is a base R4 value set: its codes come from HAPI's ConditionClinical enum. */
    @Test
    void requiredBinding_aCodeOutsideTheValueSet() {
        Condition condition = (Condition) TestPackages.parse(JP_CONDITION_ECS);
        condition.getClinicalStatus().getCodingFirstRep().setCode("dormant");
        List<Finding> findings = assertFindings(condition,
                tuple(Finding.Severity.ERROR, "clinicalStatus", ProfileCheck.CODE_NOT_IN_VALUE_SET));
        assertThat(findings.getFirst().arguments()).contains("dormant");
    }

    @Test
    void requiredBinding_aCodeSystemThePackagesDoNotDefine_isOnlyAWarning() {
        Practitioner practitioner = (Practitioner) TestPackages.jpCoreExample(
                "Practitioner-jp-practitioner-example-male-1.json");
        assertFindings(practitioner, tuple(Finding.Severity.WARNING, "qualification[0].code",
                ProfileCheck.UNKNOWN_CODE_SYSTEM));
    }

    @Test
    void invariant_theProfilesOwnRule() {
        Patient patient = (Patient) TestPackages.parse(JP_PATIENT_ECS);
        patient.getIdentifierFirstRep().setValue("12345");
        List<Finding> findings = assertFindings(patient,
                tuple(Finding.Severity.ERROR, "", ProfileCheck.INVARIANT));
        assertThat(findings.getFirst().arguments().getFirst()).isEqualTo("valid-value-insurance-patientIdentifier");
    }

    @Test
    void unknownProfile_oneWarningAndNothingElse() {
        MedicationRequest request = medicationRequest();
        request.setAuthoredOnElement(null);
        request.getMeta().getProfile().clear();
        request.getMeta().addProfile("http://example.org/StructureDefinition/SomeoneElsesProfile");
        // It claims no profile the portal knows, so JP_MedicationRequest_eCS is applied, with warnings only.
        assertThat(conformance.check(request)).extracting(Finding::severity).containsOnly(Finding.Severity.WARNING);
        assertThat(conformance.check(request)).filteredOn(f -> f.messageKey().equals(Conformance.UNKNOWN_PROFILE))
                .extracting(Finding::path).containsExactly("meta.profile[0]");
    }

    @Test
    void impliedProfile_aResourceClaimingNoProfileGetsWarningsOnly() {
        Condition condition = (Condition) TestPackages.parse(JP_CONDITION_ECS);
        condition.getMeta().getProfile().clear();
        assertThat(conformance.check(condition)).isEmpty();

        condition.setIdentifier(List.of());
        // identifier is required, and so is its slice resourceIdentifier: the slice says what is missing.
        assertFindings(condition, tuple(Finding.Severity.WARNING, "identifier", ProfileCheck.SLICE_MIN));
    }

    @Test
    void unknownExtension_isAWarning_andAKnownExtensionWithTheWrongType_isAnError() {
        Patient patient = (Patient) TestPackages.jpCoreExample("Patient-jp-patient-example-1.json");
        patient.addExtension(new Extension("http://example.org/fhir/StructureDefinition/favourite-colour",
                new StringType("blue")));
        patient.getBirthDateElement().addExtension(new Extension(
                "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Patient_Race", new StringType("x")));
        int last = patient.getExtension().size() - 1;
        assertFindings(patient,
                tuple(Finding.Severity.WARNING, "extension[" + last + "]", ExtensionCheck.UNKNOWN_EXTENSION),
                tuple(Finding.Severity.ERROR, "birthDate.extension[0]", ExtensionCheck.EXTENSION_TYPE));
    }

    @Test
    void containedResources_areCheckedAgainstTheirOwnProfiles_withPathsBelowContained() {
        MedicationRequest request = (MedicationRequest) TestPackages.jpCoreExample(
                "MedicationRequest-jp-medicationrequest-injection-example-1.json");
        assertThat(conformance.check(request)).isEmpty();
        Resource medication = request.getContained().getFirst();
        assertThat(medication.getMeta().getProfile().getFirst().getValue()).endsWith("JP_Medication");
        medication.getMeta().addProfile("http://example.org/StructureDefinition/Other");
        assertFindings(request, tuple(Finding.Severity.WARNING, "contained[0].meta.profile[1]",
                Conformance.UNKNOWN_PROFILE));
    }

    /** A fault inside the checker (here: a resource whose properties cannot be read) is a warning, not a throw. */
    @Test
    void aFaultInsideTheChecker_isAWarning() {
        Observation broken = new Observation() {
            @Override
            public Base[] getProperty(int hash, String name, boolean checkValid) {
                throw new IllegalStateException("broken");
            }
        };
        broken.getMeta().addProfile("http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_LabResult");
        assertFindings(broken, tuple(Finding.Severity.WARNING, "", Conformance.CHECK_FAILED));
    }

    private static MedicationRequest medicationRequest() {
        return (MedicationRequest) TestPackages.jpCoreExample("MedicationRequest-jp-medicationrequest-example-1.json");
    }

    private List<Finding> assertFindings(Resource resource, org.assertj.core.groups.Tuple... expected) {
        List<Finding> findings = conformance.check(resource);
        assertThat(findings).extracting(Finding::severity, Finding::path, Finding::messageKey)
                .containsExactlyInAnyOrder(expected);
        return findings;
    }
}
