/** Public benefit pages, live suppressed figures, resource dashboards and the data-use register. */
@ApplicationModule(displayName = "insights", allowedDependencies = { "shared", "identity", "shell", "research", "consent", "record", "directory" })
@NullMarked
package jp.tsunagu.insights;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
