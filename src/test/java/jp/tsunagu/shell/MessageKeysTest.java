package jp.tsunagu.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every text key written out in the code is in the Japanese bundle, and both languages have the same
 * keys: a missing one would show as !key! on a screen.
 */
class MessageKeysTest {

    private static final Pattern LITERAL_KEY = Pattern.compile(
            "(?:getTranslation|ItemTexts\\.t|\\bt)\\(\"([a-zA-Z][a-zA-Z0-9_.-]*)\"\\s*[,)]");

    @Test
    void everyLiteralKeyInTheCode_isInTheBundle_andJapaneseAndEnglishHaveTheSameKeys() throws IOException {
        Properties ja = load("/i18n/messages.properties");
        Properties en = load("/i18n/messages_en.properties");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = LITERAL_KEY.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).as("keys found in the code").hasSizeGreaterThan(100);
        assertThat(used).allSatisfy(key -> assertThat(ja.containsKey(key)).as("ja has " + key).isTrue());
        assertThat(new TreeSet<>(ja.stringPropertyNames())).isEqualTo(new TreeSet<>(en.stringPropertyNames()));
    }

    private Properties load(String resource) throws IOException {
        var properties = new Properties();
        try (var in = getClass().getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
