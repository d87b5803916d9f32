package jp.tsunagu.shared;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Rows of one table in PostgreSQL's COPY text format, encoded straight to UTF-8 in 1 MB blocks, so
 * that a batch of a few hundred thousand rows costs its bytes and nothing more, and is sent without
 * a second copy.
 *
 * <p>Text format rules: columns are separated by a tab, rows end with a newline, {@code \N} is null,
 * and a backslash, tab, newline or carriage return inside a value is written as a backslash escape.
 * Arrays use the array literal syntax inside that escaping.
 *
 * <p>Used by every module's bulk loader (directory, record), hence here.
 */
public final class CopyRows {

    private static final int BLOCK = 1 << 20;

    private final String sql;
    private final List<byte[]> full = new ArrayList<>();
    private byte[] block = new byte[BLOCK];
    private int position;
    private long bytes;
    private long rows;
    private boolean rowStarted;

    public CopyRows(String table, List<String> columns) {
        this.sql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
    }

    public long rows() {
        return rows;
    }

    public long bytes() {
        return bytes + position;
    }

    /** Appends one column value to the current row. */
    public CopyRows add(@Nullable Object value) {
        if (rowStarted) {
            put((byte) '\t');
        }
        rowStarted = true;
        switch (value) {
            case null -> ascii("\\N");
            case String s -> text(s);
            case UUID u -> ascii(u.toString());
            case BigDecimal d -> ascii(d.toPlainString());
            case Boolean b -> put((byte) (b ? 't' : 'f'));
            case Integer i -> ascii(Integer.toString(i));
            case Long l -> ascii(Long.toString(l));
            case Short s -> ascii(Short.toString(s));
            case LocalDate date -> ascii(date.toString());
            // Instants as ISO-8601 in UTC: timestamptz takes them without depending on the session time zone.
            case Timestamp ts -> ascii(ts.toInstant().toString());
            case Instant instant -> ascii(instant.toString());
            case String[] array -> text(arrayLiteral(array));
            default -> throw new IllegalArgumentException("no COPY encoding for " + value.getClass().getName());
        }
        return this;
    }

    /** Ends the current row. */
    public void end() {
        put((byte) '\n');
        rowStarted = false;
        rows++;
    }

    /** Sends every row through COPY on the given connection's copy API; the rows stay for a retry. */
    public long copyTo(CopyManager copy) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        CopyIn in = copy.copyIn(sql);
        try {
            for (byte[] b : full) {
                in.writeToCopy(b, 0, b.length);
            }
            if (position > 0) {
                in.writeToCopy(block, 0, position);
            }
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    public static String arrayLiteral(String[] values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"');
            for (char c : values[i].toCharArray()) {
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    private void text(String s) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> { put((byte) '\\'); put((byte) '\\'); }
                    case '\t' -> { put((byte) '\\'); put((byte) 't'); }
                    case '\n' -> { put((byte) '\\'); put((byte) 'n'); }
                    case '\r' -> { put((byte) '\\'); put((byte) 'r'); }
                    default -> put((byte) c);
                }
            } else if (c < 0x800) {
                put((byte) (0xC0 | (c >> 6)));
                put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                put((byte) (0xF0 | (cp >> 18)));
                put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                put((byte) (0x80 | (cp & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate is not valid UTF-8; PostgreSQL would refuse the whole batch for it.
                put((byte) '?');
            } else {
                put((byte) (0xE0 | (c >> 12)));
                put((byte) (0x80 | ((c >> 6) & 0x3F)));
                put((byte) (0x80 | (c & 0x3F)));
            }
        }
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            put((byte) s.charAt(i));
        }
    }

    private void put(byte b) {
        if (position == BLOCK) {
            full.add(block);
            bytes += BLOCK;
            block = new byte[BLOCK];
            position = 0;
        }
        block[position++] = b;
    }
}
