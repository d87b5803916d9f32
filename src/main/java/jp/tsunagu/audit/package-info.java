/** The access log: append-only and hash-chained, read by patients and stewards. */
@ApplicationModule(displayName = "audit", allowedDependencies = { "shared", "identity" })
@NullMarked
package jp.tsunagu.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
