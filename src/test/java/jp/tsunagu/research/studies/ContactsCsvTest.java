package jp.tsunagu.research.studies;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ContactsCsvTest {

    private static final ContactsCsv.Header HEADER = new ContactsCsv.Header("氏名", "電話番号", "メールアドレス", "参加希望の日時");

    private static String text(byte[] bytes) {
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }

    @Test
    void startsWithTheUtf8ByteOrderMarkThenTheHeaderInTheGivenWords() {
        byte[] bytes = ContactsCsv.write(HEADER, List.of());
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(text(bytes)).isEqualTo("\"氏名\",\"電話番号\",\"メールアドレス\",\"参加希望の日時\"\r\n");
    }

    @Test
    void oneQuotedRowPerContactWithTokyoTime() {
        byte[] bytes = ContactsCsv.write(HEADER, List.of(
                new Contact("佐藤 花子", "090-1234-5678", "hanako@example.jp", Instant.parse("2026-12-07T01:02:00Z"))));
        assertThat(text(bytes).split("\r\n")).containsExactly(
                "\"氏名\",\"電話番号\",\"メールアドレス\",\"参加希望の日時\"",
                "\"佐藤 花子\",\"090-1234-5678\",\"hanako@example.jp\",\"2026/12/07 10:02\"");
    }

    @Test
    void formulaLookingCellsAreNeutralisedWithAnApostrophe() {
        byte[] bytes = ContactsCsv.write(HEADER, List.of(new Contact("=HYPERLINK(\"http://x\",\"y\")", "+81-90-0000",
                "@SUM(A1)", Instant.parse("2026-12-07T00:00:00Z")), new Contact("-2+3", "\tcmd", "\rx",
                Instant.parse("2026-12-07T00:00:00Z"))));
        String[] lines = text(bytes).split("\r\n");
        assertThat(lines[1]).isEqualTo(
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"'+81-90-0000\",\"'@SUM(A1)\",\"2026/12/07 09:00\"");
        assertThat(lines[2]).startsWith("\"'-2+3\",\"'\tcmd\",\"'\rx\"");
    }

    @Test
    void commasQuotesAndLineBreaksStayInsideTheirCell() {
        assertThat(ContactsCsv.cell("山田, \"太郎\"\n次")).isEqualTo("\"山田, \"\"太郎\"\"\n次\"");
        assertThat(ContactsCsv.cell("03-0000-0000")).isEqualTo("\"03-0000-0000\"");
        assertThat(ContactsCsv.cell("")).isEqualTo("\"\"");
    }
}
