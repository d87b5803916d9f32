/** Who is signed in: security chains, roles, the current actor, and the embedded OIDC provider of the demo mode. */
@ApplicationModule(displayName = "identity", allowedDependencies = { "shared" })
@NullMarked
package jp.tsunagu.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
