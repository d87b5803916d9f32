package jp.tsunagu.fhir.conformance;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The files of an npm-format FHIR package (a gzipped tar) carried unchanged on the class path. A tar reader is
 * a few lines: the packages need only regular files, ustar prefixes and the two long-name conventions.
 * Tests read the packages' own example resources through it too.
 */
public final class PackageArchive {

    private static final int BLOCK = 512;

    private PackageArchive() {
    }

    /** File name (as in the archive, e.g. {@code package/ValueSet-x.json}) to its bytes, in archive order. */
    public static Map<String, byte[]> read(String classpathResource) throws IOException {
        try (InputStream raw = PackageArchive.class.getResourceAsStream(classpathResource)) {
            if (raw == null) {
                throw new IOException("not on the class path: " + classpathResource);
            }
            return read(new GZIPInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16));
        }
    }

    static Map<String, byte[]> read(InputStream tar) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (readBlock(tar, header)) {
            if (isZero(header)) {
                break;
            }
            long size = octal(header, 124, 12);
            if (size < 0 || size > Integer.MAX_VALUE - BLOCK) {
                throw new IOException("bad tar entry size");
            }
            byte[] data = tar.readNBytes((int) size);
            if (data.length != size) {
                throw new EOFException("truncated tar entry");
            }
            tar.readNBytes((int) ((BLOCK - size % BLOCK) % BLOCK));
            char type = (char) header[156];
            switch (type) {
                case 'L' -> longName = text(data, 0, data.length);
                case 'x' -> longName = paxPath(data, longName);
                case '0', '\0' -> {
                    files.put(longName != null ? longName : name(header), data);
                    longName = null;
                }
                default -> longName = null;
            }
        }
        return files;
    }

    private static String name(byte[] header) {
        String name = text(header, 0, 100);
        boolean ustar = text(header, 257, 5).equals("ustar");
        String prefix = ustar ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxPath(byte[] data, String fallback) {
        for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
            int at = record.indexOf(" path=");
            if (at >= 0) {
                return record.substring(at + 6);
            }
        }
        return fallback;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, BLOCK);
        if (read == 0) {
            return false;
        }
        if (read != BLOCK) {
            throw new EOFException("truncated tar header");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static long octal(byte[] header, int offset, int length) {
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = header[i];
            if (b == 0 || b == ' ') {
                if (value > 0) {
                    break;
                }
                continue;
            }
            if (b < '0' || b > '7') {
                return -1;
            }
            value = value * 8 + (b - '0');
        }
        return value;
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }
}
