/** FHIR R4 import, export and REST API; the only module that sees HAPI FHIR types. */
@ApplicationModule(displayName = "fhir", allowedDependencies = { "shared", "identity", "record", "consent", "directory", "audit", "shell" })
@NullMarked
package jp.tsunagu.fhir;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
