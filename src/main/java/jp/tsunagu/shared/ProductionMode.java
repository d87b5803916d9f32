package jp.tsunagu.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Active when {@code tsunagu.mode=production}: an external PostgreSQL by URL and an external OIDC
 * issuer; nothing of the demo (embedded database, embedded provider, demo accounts) is started.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(name = "tsunagu.mode", havingValue = "production")
public @interface ProductionMode {
}
