package jp.tsunagu.fhir;

import java.util.List;

/** The canonical URLs of the profiles a resource type is checked against, as the metadata announces them. */
interface SupportedProfiles {

    List<String> of(String resourceType);
}
