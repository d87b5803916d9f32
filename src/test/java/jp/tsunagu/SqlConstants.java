package jp.tsunagu;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;

/**
 * The string constants of a compiled class: every literal and text block, including those folded from
 * constants of other classes and the recipes of string concatenations. This is where a class's SQL is,
 * whatever it is built with (comments are not in a class file, so a comment naming a table is no SQL).
 */
final class SqlConstants {

    private SqlConstants() {
    }

    static List<String> strings(JavaClass type) {
        var source = type.getSource().orElseThrow(() -> new IllegalStateException("no class file for " + type));
        try (InputStream in = source.getUri().toURL().openStream()) {
            return strings(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the constant pool (JVMS §4.4) and returns the text of its CONSTANT_String entries. */
    static List<String> strings(InputStream classFile) throws IOException {
        var in = new DataInputStream(new BufferedInputStream(classFile));
        in.readInt();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> strings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 8 -> strings.add(in.readUnsignedShort());
                case 7, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // a long or a double takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return strings.stream().map(index -> utf8[index]).toList();
    }
}
