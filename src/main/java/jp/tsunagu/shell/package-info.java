/** The main layout, menu, error pages, language and shared UI pieces. */
@ApplicationModule(displayName = "shell", allowedDependencies = { "shared", "identity" })
@NullMarked
package jp.tsunagu.shell;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
