package jp.tsunagu.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.Organisation;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.record.Countable;
import jp.tsunagu.shared.Prefecture;
import jp.tsunagu.research.Released;
import org.junit.jupiter.api.Test;

/**
 * Property: on random populations of stays and positive tests, the dashboard's tables never show a value
 * from 1 to 10, never leave 1–10 to be found by subtracting shown cells from a shown total, and show exact
 * values where they show one.
 */
class FigureTablesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Test
    void randomBedsAndInfections_neverRevealOneToTen() {
        Random random = new Random(23);
        for (int round = 0; round < 300; round++) {
            int hospitalCount = 1 + random.nextInt(40);
            List<Organisation> hospitals = new ArrayList<>();
            for (int h = 0; h < hospitalCount; h++) {
                hospitals.add(new Organisation(new OrganisationId(UUID.randomUUID()), new OrganisationDetails(
                        OrganisationKind.HOSPITAL, "H" + h,
                        Prefecture.ofCode(1 + random.nextInt(random.nextBoolean() ? 3 : 47)),
                        Optional.of(50 + random.nextInt(500)), new Identifier("urn:test", "H" + h), Optional.empty(),
                        Optional.empty())));
            }
            List<Countable.Stay> stays = new ArrayList<>();
            int patients = random.nextInt(random.nextBoolean() ? 30 : 400);
            for (int p = 0; p < patients; p++) {
                Organisation at = hospitals.get(random.nextInt(hospitalCount));
                stays.add(new Countable.Stay(new PatientId(UUID.randomUUID()), at.id(),
                        TODAY.minusDays(random.nextInt(3))));
            }
            var beds = FigureCalculator.beds(hospitals, stays, TODAY, (label, decided, people) -> decided);
            long truth = stays.stream().filter(s -> s.day().equals(TODAY)).count();
            check(beds.national(), truth);
            assertNoSmallDifference(beds.national(), beds.prefectures().stream().map(PublicFigures.Beds::inpatients)
                    .toList(), "round " + round);
            for (PublicFigures.Beds prefecture : beds.prefectures()) {
                assertNoSmallDifference(prefecture.inpatients(), beds.hospitals().stream()
                        .filter(h -> h.prefecture().equals(prefecture.prefecture()))
                        .map(PublicFigures.Beds::inpatients).toList(), "round " + round + " " + prefecture.name());
            }
            beds.trend().forEach(d -> assertNotSmall(d.inpatients()));

            List<LocalDate> weeks = List.of(TODAY.minusWeeks(1), TODAY);
            List<FigureCalculator.Positive> positives = new ArrayList<>();
            for (int p = 0; p < random.nextInt(120); p++) {
                positives.add(new FigureCalculator.Positive(new PatientId(UUID.randomUUID()),
                        Optional.of(1 + random.nextInt(5)),
                        weeks.get(random.nextInt(2))));
            }
            var infections = FigureCalculator.infections(weeks, positives, (label, decided, people) -> decided);
            for (int w = 0; w < weeks.size(); w++) {
                int week = w;
                List<Released> column = infections.rows().stream().map(r -> r.byWeek().get(week)).toList();
                assertNoSmallDifference(infections.totals().get(w), column, "round " + round + " week " + w);
                check(infections.totals().get(w), positives.stream().filter(p -> p.week().equals(weeks.get(week)))
                        .count());
            }
        }
    }

    private static void check(Released figure, long truth) {
        assertNotSmall(figure);
        if (figure.shown()) {
            assertThat(figure.value().getAsLong()).isEqualTo(truth);
        } else {
            assertThat(truth).isGreaterThan(0);
        }
    }

    private static void assertNotSmall(Released figure) {
        assertThat(figure.value().orElse(0)).matches(v -> v == 0 || v > 10, "0 or at least 11");
    }

    /** With the total shown, total minus the shown cells is 0 or at least 11. */
    private static void assertNoSmallDifference(Released total, List<Released> cells, String where) {
        cells.forEach(FigureTablesTest::assertNotSmall);
        if (total.shown()) {
            long shown = cells.stream().filter(Released::shown).mapToLong(r -> r.value().getAsLong()).sum();
            assertThat(total.value().getAsLong() - shown).as(where).matches(v -> v == 0 || v > 10, "0 or ≥ 11");
        }
    }
}
