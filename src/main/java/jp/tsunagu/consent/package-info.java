/** The consent ledger and the single access decision point. */
@ApplicationModule(displayName = "consent", allowedDependencies = { "shared", "identity", "shell", "directory", "record", "audit" })
@NullMarked
package jp.tsunagu.consent;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
