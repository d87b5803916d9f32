/** Typed ids, small value types and platform pieces every module may use (the embedded database lives here). */
@ApplicationModule(displayName = "shared")
@NullMarked
package jp.tsunagu.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
