package jp.tsunagu.demo;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The synthetic population of the demo mode.
 *
 * @param patients how many people to generate at first start; 0 loads nothing (not even the demo
 *     patients behind the demo accounts)
 * @param seed the population's seed: the same seed gives the same people
 * @param today the day the records lead up to; empty means the real date, so the demo looks current
 * @param chunkSize patients per COPY transaction: bounds memory, and is the unit a restart resumes from
 */
@ConfigurationProperties("tsunagu.demo.population")
public record DemoPopulationProperties(@DefaultValue("1000") int patients, @DefaultValue("20250401") long seed,
        @Nullable LocalDate today, @DefaultValue("5000") int chunkSize) {

    public DemoPopulationProperties {
        if (patients < 0 || chunkSize < 1) {
            throw new IllegalArgumentException("tsunagu.demo.population: patients >= 0 and chunk-size >= 1");
        }
    }
}
