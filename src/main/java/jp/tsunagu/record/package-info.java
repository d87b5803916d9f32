/** The health record: 3文書6情報, PHR entries, provenance and 未告知. */
@ApplicationModule(displayName = "record", allowedDependencies = { "shared", "identity", "shell", "directory", "audit" })
@NullMarked
package jp.tsunagu.record;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
