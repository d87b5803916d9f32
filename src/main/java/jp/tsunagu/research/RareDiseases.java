package jp.tsunagu.research;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The 指定難病 the cohort builder offers first, with their notification numbers and the ICD-10 code (or
 * prefix) a criterion uses: a sponsor searches "エリテマトーデス" or "49" and gets M32.
 */
public final class RareDiseases {

    public record Disease(int number, String name, String icd10) {
    }

    private static final List<Disease> ALL = load();

    private RareDiseases() {
    }

    public static List<Disease> all() {
        return ALL;
    }

    private static List<Disease> load() {
        var stream = Objects.requireNonNull(RareDiseases.class.getResourceAsStream(
                "/research/designated-intractable-diseases.tsv"), "the 指定難病 list is missing");
        List<Disease> diseases = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                diseases.add(new Disease(Integer.parseInt(f[0]), f[1], new Criterion.Diagnosis(f[2]).code()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(diseases);
    }
}
