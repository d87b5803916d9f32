package jp.tsunagu.consent;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How long a break-the-glass stays open (default 60 minutes). */
@ConfigurationProperties("tsunagu.consent")
public record ConsentProperties(@DefaultValue("60m") Duration emergencyDuration) {
}
