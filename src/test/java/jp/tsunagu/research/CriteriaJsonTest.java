package jp.tsunagu.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import jp.tsunagu.directory.Sex;
import jp.tsunagu.shared.Prefecture;
import org.junit.jupiter.api.Test;

class CriteriaJsonTest {

    private static final Criterion SLE_TRIAL = new Criterion.All(List.of(new Criterion.Diagnosis("m32"),
            new Criterion.Age(16, 75), new Criterion.SexIs(Sex.FEMALE),
            new Criterion.Any(List.of(new Criterion.LivesIn(Prefecture.TOKYO), new Criterion.LivesIn(Prefecture.OSAKA))),
            new Criterion.Not(new Criterion.Prescription("２１７１")),
            new Criterion.Lab("5C070000002306201", Criterion.Comparison.GREATER, new BigDecimal("1.00"), 6)));

    @Test
    void aDefinition_writtenAndReadAgain_isTheSame_withCodesNormalised() {
        String json = CriteriaJson.write(SLE_TRIAL);
        assertThat(json).contains("\"format\":\"tsunagu-cohort/1\"", "\"diagnosis\":\"M32\"", "\"prescription\":\"2171\"",
                "\"value\":\"1\"");
        assertThat(CriteriaJson.read(json)).isEqualTo(SLE_TRIAL);
        assertThat(CriteriaJson.size(SLE_TRIAL)).isEqualTo(7);
        assertThat(CriteriaJson.depth(SLE_TRIAL)).isEqualTo(2);
    }

    @Test
    void aBrokenFile_saysWhatAndWhere() {
        assertError("{not json", "research.error.json", null);
        assertError("[1,2]", "research.error.jsonShape", null);
        assertError("{\"definition\": {\"all\": [{\"diagnosis\": \"M32\"}, {\"height\": 170}]}}", "research.error.jsonKey",
                null);
        assertError("{\"definition\": {\"all\": [{\"age\": {\"min\": 80, \"max\": 20}}]}}", "research.error.age",
                "/definition/all/0/age");
        assertError("{\"definition\": {\"lab\": {\"code\": \"ALT\", \"comparison\": \"ABOUT\", \"value\": 3, \"months\": 6}}}",
                "research.error.jsonValue", null);
        assertError("{\"format\": \"other/2\", \"definition\": {\"sex\": \"female\"}}", "research.error.jsonFormat", null);
        assertError("{\"definition\": {\"all\": []}}", "research.error.emptyGroup", "/definition/all");
    }

    @Test
    void tooManyCriteriaOrGroupsTooDeep_areRefused() {
        StringBuilder many = new StringBuilder("{\"any\": [");
        for (int i = 0; i < CriteriaJson.MAX_CRITERIA + 1; i++) {
            many.append(i == 0 ? "" : ",").append("{\"diagnosis\": \"M32\"}");
        }
        assertError(many.append("]}").toString(), "research.error.tooMany", null);
        Criterion deep = new Criterion.SexIs(Sex.MALE);
        for (int i = 0; i < CriteriaJson.MAX_DEPTH + 1; i++) {
            deep = new Criterion.Not(deep);
        }
        Criterion tooDeep = deep;
        assertThatThrownBy(() -> CriteriaJson.checkLimits(tooDeep)).isInstanceOfSatisfying(InvalidCriteriaException.class,
                e -> assertThat(e.key()).isEqualTo("research.error.tooDeep"));
    }

    private static void assertError(String json, String key, String location) {
        assertThatThrownBy(() -> CriteriaJson.read(json)).isInstanceOfSatisfying(InvalidCriteriaException.class, e -> {
            assertThat(e.key()).isEqualTo(key);
            if (location != null) {
                assertThat(e.location()).hasValue(location);
            }
        });
    }
}
