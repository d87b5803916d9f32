package jp.tsunagu.research;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jp.tsunagu.directory.Sex;
import jp.tsunagu.shared.Prefecture;

/**
 * Random cohort definitions over the codes a population holds (and a few it does not): prefixes of
 * ICD-10 and YJ codes, lab thresholds on the side of the reference range the index answers, ages,
 * sexes, prefectures, nested AND / OR / NOT groups.
 */
final class RandomDefinitions {

    private final Random random;
    private final Vocabulary vocabulary;

    RandomDefinitions(long seed, Vocabulary vocabulary) {
        this.random = new Random(seed);
        this.vocabulary = vocabulary;
    }

    Criterion next() {
        return group(0);
    }

    private Criterion group(int depth) {
        int size = 1 + random.nextInt(depth == 0 ? 4 : 3);
        List<Criterion> parts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            parts.add(depth < 2 && random.nextInt(5) == 0 ? group(depth + 1) : leaf());
        }
        Criterion g = random.nextInt(3) == 0 ? new Criterion.Any(parts) : new Criterion.All(parts);
        return random.nextInt(8) == 0 ? new Criterion.Not(g) : g;
    }

    Criterion leaf() {
        Criterion leaf = switch (random.nextInt(7)) {
            case 0, 1 -> new Criterion.Diagnosis(prefix(pick(vocabulary.diagnoses()).code(), "Z99.9"));
            case 2 -> new Criterion.Prescription(prefix(pick(vocabulary.drugs()).code(), "999999"));
            case 3 -> lab();
            case 4 -> {
                int min = random.nextInt(90);
                yield new Criterion.Age(min, Math.min(Criterion.Age.OLDEST, min + random.nextInt(40)));
            }
            case 5 -> new Criterion.SexIs(random.nextBoolean() ? Sex.FEMALE : Sex.MALE);
            default -> new Criterion.LivesIn(Prefecture.values()[random.nextInt(Prefecture.values().length)]);
        };
        return random.nextInt(10) == 0 ? new Criterion.Not(leaf) : leaf;
    }

    Criterion.Lab lab() {
        if (vocabulary.labs().isEmpty()) {
            return new Criterion.Lab("3B045000002327201", Criterion.Comparison.GREATER, BigDecimal.TEN, 12);
        }
        Vocabulary.LabTerm term = vocabulary.labs().get(random.nextInt(vocabulary.labs().size()));
        Criterion.Comparison comparison = Criterion.Comparison.values()[random.nextInt(4)];
        BigDecimal value;
        if (comparison.upward()) {
            BigDecimal base = term.highestUpperLimit().orElse(BigDecimal.valueOf(random.nextInt(120)));
            value = base.multiply(BigDecimal.valueOf(1 + random.nextDouble() * (random.nextBoolean() ? 0.3 : 3)));
        } else {
            BigDecimal base = term.lowestLowerLimit().orElse(BigDecimal.valueOf(random.nextInt(120)));
            value = base.multiply(BigDecimal.valueOf(random.nextDouble()));
        }
        // Sometimes exactly on the limit, where "≥" and "≤" must still be exact.
        if (random.nextInt(6) == 0) {
            value = comparison.upward() ? term.highestUpperLimit().orElse(value)
                    : term.lowestLowerLimit().orElse(value);
        }
        value = value.setScale(random.nextInt(3), comparison.upward() ? RoundingMode.CEILING : RoundingMode.FLOOR);
        return new Criterion.Lab(term.code(), comparison, value, 1 + random.nextInt(30));
    }

    private String prefix(String code, String absent) {
        if (random.nextInt(15) == 0) {
            return absent;
        }
        String plain = code;
        int cut = 1 + random.nextInt(plain.length());
        String p = plain.substring(0, cut);
        return p.endsWith(".") ? p.substring(0, p.length() - 1) : p;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
