package jp.tsunagu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The ASVS sheet ({@code docs/security/asvs-5.0-l2.md}) may only claim what a test shows: every line
 * whose status is {@code met} names at least one test class, and each named class exists. A claim whose
 * test is renamed or deleted fails here.
 */
class AsvsSheetTest {

    private static final Path SHEET = Path.of("docs/security/asvs-5.0-l2.md");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(V\\d+\\.\\d+\\.\\d+)\\s*\\|(.*)$");
    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Za-z0-9]*(?:Test|IT))`");

    @Test
    void everyMetLine_namesTestsThatExist() throws IOException {
        Set<String> tests;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            tests = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - 5)).collect(Collectors.toSet());
        }
        List<String> problems = new ArrayList<>();
        int rows = 0;
        int met = 0;
        for (String line : Files.readAllLines(SHEET)) {
            Matcher row = ROW.matcher(line.strip());
            if (!row.matches()) {
                continue;
            }
            rows++;
            String[] cells = line.strip().split("\\|");
            // | ID | L | requirement | status | where | test |
            String status = cells.length > 4 ? cells[4].strip() : "";
            assertThat(status).as(row.group(1)).isIn("met", "partial", "open", "n/a");
            if (!status.equals("met")) {
                continue;
            }
            met++;
            String testCell = cells.length > 6 ? cells[6] : "";
            Matcher names = NAME.matcher(testCell);
            boolean any = false;
            while (names.find()) {
                any = true;
                if (!tests.contains(names.group(1))) {
                    problems.add(row.group(1) + " names " + names.group(1) + ", which does not exist");
                }
            }
            if (!any) {
                problems.add(row.group(1) + " is met but names no test");
            }
        }
        assertThat(rows).as("requirement lines in the sheet").isGreaterThan(100);
        assertThat(met).as("lines marked met").isPositive();
        assertThat(problems).isEmpty();
    }
}
