/** Patients, organisations, practitioners and care relationships. */
@ApplicationModule(displayName = "directory", allowedDependencies = { "shared", "identity", "audit" })
@NullMarked
package jp.tsunagu.directory;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
