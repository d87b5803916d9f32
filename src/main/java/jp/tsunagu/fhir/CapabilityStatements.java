package jp.tsunagu.fhir;

import java.util.Date;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import jp.tsunagu.fhir.conformance.Conformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.springframework.stereotype.Component;

/**
 * The portal's CapabilityStatement ({@code GET /fhir/metadata}): what a hospital system may do here, with
 * which resource types, and the JP Core / JP-CLINS profiles each type is checked against. Written once; it
 * says the same to everybody and names nobody.
 */
@Component
public class CapabilityStatements {

    /** The resource types that may be created or updated on their own (bundles carry every other kind). */
    static final List<String> RESOURCE_TYPES = List.of("Patient", "Condition", "AllergyIntolerance", "Observation",
            "MedicationRequest", "Encounter");

    private final FhirContext fhir;
    private final Conformance profiles;
    private volatile String json;

    CapabilityStatements(FhirContext fhir, Conformance profiles) {
        this.fhir = fhir;
        this.profiles = profiles;
    }

    /** Built at the first request, not at start: HAPI's first encode costs seconds. */
    public String json() {
        String built = json;
        if (built == null) {
            built = build();
            json = built;
        }
        return built;
    }

    private String build() {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setStatus(PublicationStatus.ACTIVE);
        statement.setDate(new Date());
        statement.setKind(CapabilityStatementKind.INSTANCE);
        statement.setName("Tsunagu");
        statement.setTitle("つなぐ Tsunagu — FHIR R4 API for hospital systems");
        statement.setFhirVersion(FHIRVersion._4_0_1);
        statement.addFormat("application/fhir+json");
        statement.getSoftware().setName("Tsunagu");
        CapabilityStatementRestComponent rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
        rest.setDocumentation("Bundles (document, collection, transaction, batch) by POST /fhir; a hospital "
                + "speaks only for its own patients and entries. OAuth2 bearer tokens (client credentials) with "
                + "the scopes fhir.import and fhir.register-patients.");
        rest.getSecurity().addService(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(
                "http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")));
        rest.addInteraction().setCode(SystemRestfulInteraction.TRANSACTION);
        rest.addInteraction().setCode(SystemRestfulInteraction.BATCH);
        for (String type : RESOURCE_TYPES) {
            CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type);
            resource.addInteraction().setCode(TypeRestfulInteraction.CREATE);
            resource.addInteraction().setCode(TypeRestfulInteraction.UPDATE);
            resource.setConditionalCreate(true);
            resource.setUpdateCreate(false);
            profiles.profilesOf(type).forEach(resource::addSupportedProfile);
            if (type.equals("Patient")) {
                resource.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
                resource.addSearchParam().setName("identifier").setType(SearchParamType.TOKEN)
                        .setDocumentation("Only your own patient numbers (urn:oid:1.2.392.100495.20.3.51.1 + "
                                + "医療機関コード) find a patient.");
            }
        }
        rest.addResource().setType("Bundle").addInteraction().setCode(TypeRestfulInteraction.CREATE);
        return fhir.newJsonParser().encodeResourceToString(statement);
    }
}
