/** The clinician's shared view across hospitals, break-the-glass and the steward's review queue. */
@ApplicationModule(displayName = "sharing", allowedDependencies = { "shared", "identity", "shell", "consent", "record", "directory", "audit", "fhir" })
@NullMarked
package jp.tsunagu.sharing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
