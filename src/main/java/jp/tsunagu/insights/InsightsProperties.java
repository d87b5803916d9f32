package jp.tsunagu.insights;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param refresh how often the public figures are computed again (also after bulk loads)
 * @param yenPerDuplicatePrescription the assumed cost of one duplicate prescription (stated on the page)
 * @param yenPerDuplicateTest the assumed cost of one duplicate test (stated on the page)
 */
@ConfigurationProperties("tsunagu.insights")
public record InsightsProperties(@DefaultValue("10m") Duration refresh,
        @DefaultValue("2000") long yenPerDuplicatePrescription, @DefaultValue("1000") long yenPerDuplicateTest) {
}
