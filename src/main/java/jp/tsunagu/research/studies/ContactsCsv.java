package jp.tsunagu.research.studies;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jp.tsunagu.shared.JapanTime;

/**
 * The accepted contacts as a CSV file. UTF-8 with a byte-order mark, because Excel in Japan reads a file
 * without one as Shift_JIS and shows the names garbled; CRLF line ends and every cell quoted (RFC 4180), so
 * a comma, quote or line break in a name cannot shift the columns. A cell that a spreadsheet would take for a
 * formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe: the names and phone
 * numbers are what patients typed, and opening the file must not run what they typed.
 */
public final class ContactsCsv {

    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** The column titles, in the language of the sponsor's screen. */
    public record Header(String name, String phone, String email, String acceptedAt) {
    }

    private ContactsCsv() {
    }

    public static byte[] write(Header header, List<Contact> contacts) {
        var text = new StringBuilder();
        row(text, header.name(), header.phone(), header.email(), header.acceptedAt());
        for (Contact c : contacts) {
            row(text, c.name(), c.phone(), c.email(), JapanTime.minute(c.answeredAt()));
        }
        var out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void row(StringBuilder text, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(cell(cells[i]));
        }
        text.append("\r\n");
    }

    /** One cell: neutralised if it could be read as a formula, then quoted with inner quotes doubled. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
