package jp.tsunagu.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The clinician's duplicate (他院と重複): the same drug among the shown items from two different hospitals. */
class ClinicalDuplicatesTest {

    private static final OrganisationId TOKYO = new OrganisationId(UUID.randomUUID());
    private static final OrganisationId OSAKA = new OrganisationId(UUID.randomUUID());
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Test
    void theSameDrugFromTwoHospitals_isADuplicate_theSameHospitalTwiceIsNot() {
        var amlodipineTokyo = item(TOKYO, "アムロジピン錠5mg", "2171022F1ZZZ");
        var amlodipineOsaka = item(OSAKA, "アムロジピンOD錠5mg", "2171022F1ZZZ");
        var statinTokyo = item(TOKYO, "ロスバスタチン錠2.5mg", "2189017F1ZZZ");
        var statinTokyoAgain = item(TOKYO, "ロスバスタチン錠2.5mg", "2189017F1ZZZ");

        var duplicates = ClinicalDuplicates.among(List.of(amlodipineTokyo, amlodipineOsaka, statinTokyo,
                statinTokyoAgain));

        assertThat(duplicates.contains(amlodipineTokyo)).isTrue();
        assertThat(duplicates.contains(amlodipineOsaka)).isTrue();
        assertThat(duplicates.contains(statinTokyo)).isFalse();
        assertThat(duplicates.contains(statinTokyoAgain)).isFalse();
    }

    @Test
    void perDrug_oneEntryPerMedicine_withEveryPrescriptionOfIt_newestFirst() {
        var statinEarlier = item(OSAKA, "ロスバスタチン錠2.5mg", "2189017F1ZZZ", TODAY.minusDays(40));
        var statinLater = item(OSAKA, "ロスバスタチン錠2.5mg", "2189017F1ZZZ", TODAY.minusDays(5));
        var amlodipine = item(TOKYO, "アムロジピン錠5mg", "2171022F1ZZZ", TODAY.minusDays(20));
        var amlodipineOsaka = item(OSAKA, "アムロジピンOD錠5mg", "2171022F1ZZZ", TODAY.minusDays(30));

        var medicines = ClinicalDuplicates.perDrug(List.of(statinEarlier, amlodipine, statinLater, amlodipineOsaka));

        assertThat(medicines).containsExactly(List.of(statinLater, statinEarlier), List.of(amlodipine, amlodipineOsaka));
    }

    @Test
    void thePatientsOwnCopyOfAHospitalsPrescription_isNoOtherHospital() {
        var amlodipineTokyo = item(TOKYO, "アムロジピン錠5mg", "2171022F1ZZZ");
        var herUpload = item(null, "アムロジピン錠5mg", "2171022F1ZZZ");

        assertThat(ClinicalDuplicates.among(List.of(amlodipineTokyo, herUpload)).isEmpty()).isTrue();
    }

    @Test
    void currentMeans_withinItsPeriod_orOpenEndedAndRecent() {
        assertThat(prescription(TODAY.minusDays(10), Optional.of(TODAY.plusDays(18))).currentOn(TODAY)).isTrue();
        assertThat(prescription(TODAY.minusDays(40), Optional.of(TODAY.minusDays(12))).currentOn(TODAY)).isFalse();
        assertThat(prescription(TODAY.plusDays(3), Optional.of(TODAY.plusDays(30))).currentOn(TODAY)).isFalse();
        assertThat(prescription(TODAY.minusDays(60), Optional.empty()).currentOn(TODAY)).isTrue();
        assertThat(prescription(TODAY.minusDays(120), Optional.empty()).currentOn(TODAY)).isFalse();
    }

    private static Prescription prescription(LocalDate start, Optional<LocalDate> end) {
        return new Prescription("薬", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(start), end, Optional.empty());
    }

    private static RecordItem item(@Nullable OrganisationId source, String name, String yj) {
        return item(source, name, yj, TODAY.minusDays(5));
    }

    private static RecordItem item(@Nullable OrganisationId source, String name, String yj, LocalDate start) {
        var content = new Prescription(name, Optional.of(Code.of(Code.YJ, yj, name)), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(start), Optional.of(start.plusDays(28)),
                Optional.empty());
        return new RecordItem(ItemId.random(), new PatientId(UUID.randomUUID()), content,
                new Source(Optional.ofNullable(source), "k|" + UUID.randomUUID(), Optional.empty(), Optional.empty()),
                Instant.now(), TODAY.plusYears(5), false, List.of(), Optional.empty(), false);
    }
}
