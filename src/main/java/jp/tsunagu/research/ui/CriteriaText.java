package jp.tsunagu.research.ui;

import java.util.HashMap;
import java.util.Map;

import com.vaadin.flow.component.Component;
import jp.tsunagu.research.Criterion;
import jp.tsunagu.research.RareDiseases;
import jp.tsunagu.research.Vocabulary;

/**
 * A definition in words, for stewards reviewing a study, the query log and the sponsor's own lists:
 * "全身性エリテマトーデス（M32）の病名 かつ 16〜75歳 かつ 女性".
 */
final class CriteriaText {

    private final Component translator;
    private final Map<String, String> diagnoses = new HashMap<>();
    private final Map<String, String> drugs = new HashMap<>();
    private final Map<String, String> labs = new HashMap<>();

    CriteriaText(Component translator, Vocabulary vocabulary) {
        this.translator = translator;
        vocabulary.diagnoses().forEach(t -> diagnoses.put(t.code(), t.name()));
        RareDiseases.all().forEach(d -> diagnoses.put(d.icd10(), d.name()));
        vocabulary.drugs().forEach(t -> drugs.put(t.code(), t.name()));
        vocabulary.labs().forEach(t -> labs.put(t.code(), t.name() + (t.unit().isEmpty() ? "" : " " + t.unit())));
    }

    String of(Criterion criterion) {
        return switch (criterion) {
            case Criterion.Diagnosis d -> t("research.text.diagnosis", named(diagnoses, d.code()));
            case Criterion.Prescription p -> t("research.text.prescription", named(drugs, p.code()));
            case Criterion.Lab l -> t("research.text.lab", named(labs, l.code()), l.comparison().symbol(),
                    l.value().toPlainString(), l.months());
            case Criterion.Age a -> t("research.text.age", a.min(), a.max());
            case Criterion.SexIs s -> t("research.sex." + s.sex().code());
            case Criterion.LivesIn l -> t("research.text.prefecture", prefecture(translator, l.prefecture()));
            case Criterion.All g -> group(g.parts(), "research.text.and");
            case Criterion.Any g -> group(g.parts(), "research.text.or");
            case Criterion.Not n -> t("research.text.not", of(n.part()));
        };
    }

    /** A refusal in words; a part too small is named as the sponsor wrote it. */
    String refusal(jp.tsunagu.research.QueryRefusedException e) {
        return e.part().map(part -> t(e.key(), of(part))).orElseGet(() -> t(e.key(), e.arguments()));
    }

    static String refusal(Component reader, Vocabulary vocabulary, jp.tsunagu.research.QueryRefusedException e) {
        return new CriteriaText(reader, vocabulary).refusal(e);
    }

    private String group(java.util.List<Criterion> parts, String joiner) {
        String text = String.join(t(joiner), parts.stream().map(this::of).toList());
        return parts.size() > 1 ? "（" + text + "）" : text;
    }

    /** The prefecture's name in the reader's language. */
    static String prefecture(Component reader, jp.tsunagu.shared.Prefecture prefecture) {
        return "en".equals(com.vaadin.flow.component.UI.getCurrentOrThrow().getLocale().getLanguage())
                ? prefecture.englishName() : prefecture.japaneseName();
    }

    private static String named(Map<String, String> names, String code) {
        String name = names.get(code);
        return name == null ? code : name + "（" + code + "）";
    }

    private String t(String key, Object... args) {
        return translator.getTranslation(key, args);
    }
}
