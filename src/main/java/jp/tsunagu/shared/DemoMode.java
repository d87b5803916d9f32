package jp.tsunagu.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Active in the embedded default ({@code tsunagu.mode=demo}, also when nothing is set): embedded
 * PostgreSQL, the embedded OIDC provider and the demo accounts.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(name = "tsunagu.mode", havingValue = "demo", matchIfMissing = true)
public @interface DemoMode {
}
