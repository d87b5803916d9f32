package jp.tsunagu.research.postmarket;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.tsunagu.directory.PatientId;
import jp.tsunagu.record.CountableFacts;
import jp.tsunagu.research.counting.persistence.IndexStore;
import org.springframework.stereotype.Component;

/**
 * The record's post-market exposures ({@link CountableFacts#exposures}) by the patient numbers the consent
 * bitmaps use. The exposed to one drug are few next to the population: their numbers are looked up at once.
 */
@Component
class NumberedExposures {

    private final CountableFacts facts;
    private final IndexStore numbers;

    NumberedExposures(CountableFacts facts, IndexStore numbers) {
        this.facts = facts;
        this.numbers = numbers;
    }

    interface Exposure {
        void patient(int number, LocalDate firstDay, boolean before, boolean after);
    }

    private record Exposed(PatientId patient, LocalDate firstDay, boolean before, boolean after) {
    }

    /** As {@link CountableFacts#exposures}; patients without a number yet are not in any bitmap, so not here. */
    void exposures(String drugPrefix, List<String> labCodes, int timesUpperLimit, int days, Exposure each) {
        List<Exposed> exposed = new ArrayList<>();
        facts.exposures(drugPrefix, labCodes, timesUpperLimit, days,
                (patient, firstDay, before, after) -> exposed.add(new Exposed(patient, firstDay, before, after)));
        Map<PatientId, Integer> byPatient = numbers.numbers(exposed.stream().map(Exposed::patient).toList());
        for (Exposed e : exposed) {
            Integer number = byPatient.get(e.patient());
            if (number != null) {
                each.patient(number, e.firstDay(), e.before(), e.after());
            }
        }
    }
}
