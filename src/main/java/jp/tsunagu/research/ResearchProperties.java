package jp.tsunagu.research;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dailyBudget queries (counts, breakdowns, invitation rounds, safety analyses) a sponsor may ask per day (JST)
 * @param releaseWindow how far back a new figure is held against released ones (the ledger keeps every entry;
 *     at least a year: a sponsor who waits out the window may subtract)
 * @param countedInLookback how far back a patient's access log looks for counts that included them
 */
@ConfigurationProperties("tsunagu.research")
public record ResearchProperties(@DefaultValue("50") int dailyBudget, @DefaultValue("400d") Duration releaseWindow,
        @DefaultValue("400d") Duration countedInLookback) {
}
