package jp.tsunagu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import jp.tsunagu.consent.ConsentBulkLoad;
import jp.tsunagu.consent.ConsentCategories;
import jp.tsunagu.consent.Purpose;
import jp.tsunagu.record.RecordCategory;
import org.junit.jupiter.api.Test;

class DemoChoicesTest {

    private static final int PEOPLE = 10_000;

    @Test
    void theDemoPopulation_sharesAndOptsOutAsPeopleWould_notAllOrNothing() {
        var choices = IntStream.rangeClosed(1, PEOPLE).mapToObj(DemoPopulationLoader::standing).toList();

        long sharingAll = choices.stream().filter(c -> c.sharedForTreatment().equals(ConsentCategories.SHAREABLE)).count();
        long sharingAllergies = choices.stream()
                .filter(c -> c.sharedForTreatment().contains(RecordCategory.DRUG_ALLERGY)).count();
        long sharingNothing = choices.stream().filter(c -> c.sharedForTreatment().isEmpty()).count();
        long researchOff = choices.stream().filter(c -> c.optedOut().contains(Purpose.RESEARCH)).count();
        long publicHealthOff = choices.stream().filter(c -> c.optedOut().contains(Purpose.PUBLIC_HEALTH)).count();

        assertThat(sharingAll).isBetween(4_200L, 4_800L);
        assertThat(sharingAllergies).isBetween(6_900L, 7_500L);
        assertThat(sharingNothing).isBetween(2_500L, 3_100L);
        assertThat(researchOff).isBetween(800L, 1_200L);
        assertThat(publicHealthOff).isBetween(100L, 300L);
        // Whoever turns public health off has turned research off too: the switches are not drawn independently.
        assertThat(choices).filteredOn(c -> c.optedOut().contains(Purpose.PUBLIC_HEALTH))
                .allSatisfy(c -> assertThat(c.optedOut()).contains(Purpose.RESEARCH));
        assertThat(DemoPopulationLoader.standing(42)).isEqualTo(DemoPopulationLoader.standing(42));
    }

    @Test
    void aChoiceTheConsentScreenCouldNotWrite_isRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConsentBulkLoad.Standing(
                java.util.Set.of(), java.util.Set.of(Purpose.TRIAL_RECRUITMENT)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
