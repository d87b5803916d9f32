/** Privacy-protected cohort counts, studies, double-blind invitations and post-market views. */
@ApplicationModule(displayName = "research", allowedDependencies = { "shared", "identity", "shell", "consent", "record", "directory", "audit" })
@NullMarked
package jp.tsunagu.research;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
