/** The synthetic population generator used by the demo mode and by benchmarks. */
@ApplicationModule(displayName = "demo", allowedDependencies = { "shared", "identity", "record", "directory", "consent" })
@NullMarked
package jp.tsunagu.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
