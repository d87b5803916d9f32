package jp.tsunagu.research;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dailyBudget queries (counts, breakdowns, invitation rounds, safety analyses) a sponsor may ask per day (JST)
 * @param differencingWindow how far back a new query is compared with released ones
 * @param countedInLookback how far back a patient's access log looks for counts that included them
 */
@ConfigurationProperties("tsunagu.research")
public record ResearchProperties(@DefaultValue("50") int dailyBudget, @DefaultValue("30d") Duration differencingWindow,
        @DefaultValue("400d") Duration countedInLookback) {
}
