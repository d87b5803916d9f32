package jp.tsunagu.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LabNamesTest {

    private static LabResult lab(String name, Optional<Code> code) {
        return new LabResult(name, code, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void englishLoincDisplay_readsInJapanese_butTheHospitalsOwnJapaneseNameIsKept() {
        assertThat(LabNames.japanese(lab("Creatinine [Mass/volume] in Serum or Plasma",
                Optional.of(Code.of(Code.LOINC, "2160-0", "Creatinine"))))).isEqualTo("クレアチニン");
        assertThat(LabNames.japanese(lab("血清クレアチニン", Optional.of(Code.of(Code.LOINC, "2160-0", "Creatinine")))))
                .isEqualTo("血清クレアチニン");
        assertThat(LabNames.japanese(lab("Some rare assay", Optional.of(Code.of(Code.LOINC, "99999-9", "x")))))
                .as("unknown codes keep the name sent").isEqualTo("Some rare assay");
    }

    @Test
    void resultsOfOneTest_shareASeries_byCodeOrElseByName() {
        var jlac = Optional.of(Code.of(Code.JLAC10, "3C015000002327101", "クレアチニン"));
        assertThat(LabNames.seriesKey(lab("クレアチニン", jlac))).isEqualTo(LabNames.seriesKey(lab("Cre", jlac)));
        assertThat(LabNames.seriesKey(lab("腹部所見", Optional.empty())))
                .isNotEqualTo(LabNames.seriesKey(lab("胸部所見", Optional.empty())));
    }
}
