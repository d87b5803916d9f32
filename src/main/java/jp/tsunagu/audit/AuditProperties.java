package jp.tsunagu.audit;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How long access-log rows are kept (default six years) before the daily purge removes them. */
@ConfigurationProperties("tsunagu.audit")
public record AuditProperties(@DefaultValue("6y") Period retention) {
}
