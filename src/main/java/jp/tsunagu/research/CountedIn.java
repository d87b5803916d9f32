package jp.tsunagu.research;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jp.tsunagu.consent.AggregateUse;
import jp.tsunagu.consent.AggregateUses;
import jp.tsunagu.consent.Purpose;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.research.counting.persistence.IndexStore;
import jp.tsunagu.research.release.persistence.QueryLogStore;
import org.springframework.stereotype.Component;

/**
 * Tells the patient's access log which released counts included them: each logged query keeps the set
 * of patients it counted, and membership is checked when the patient looks (nothing stored per patient
 * per query). Called by consent for the signed-in patient only.
 */
@Component
class CountedIn implements AggregateUses {

    private final IndexStore numbers;
    private final QueryLogStore log;
    private final ResearchProperties properties;
    private final Clock clock;

    CountedIn(IndexStore numbers, QueryLogStore log, ResearchProperties properties, Optional<Clock> clock) {
        this.numbers = numbers;
        this.log = log;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    public List<AggregateUse> countedIn(PatientId patient) {
        Integer number = numbers.numbers(List.of(patient)).get(patient);
        if (number == null) {
            return List.of();
        }
        return log.countedIn(number, clock.instant().minus(properties.countedInLookback())).stream()
                .map(c -> new AggregateUse(c.at(), Purpose.valueOf(c.purpose()), c.sponsorName(), c.studyTitle()))
                .toList();
    }
}
