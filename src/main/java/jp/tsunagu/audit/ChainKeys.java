package jp.tsunagu.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of the access log's chain. Every row, the purge anchor and every checkpoint carry an
 * HMAC-SHA-256 under one of these keys, so whoever can change the database but cannot read this file
 * cannot make a changed row verify.
 *
 * <p>The file has one key per line, {@code <id> <base64 key of at least 32 bytes>}; {@code #} starts a
 * comment. The last line is the key new rows use; the earlier ones stay to verify older rows. Rotating
 * is appending a line and restarting (docs/adr/0010).
 */
public final class ChainKeys {

    private final Map<String, byte[]> keys;
    private final String current;

    private ChainKeys(Map<String, byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("The access log's key file holds no key");
        }
        this.keys = Map.copyOf(keys);
        this.current = List.copyOf(keys.keySet()).getLast();
    }

    /** Reads the key file; when {@code createIfMissing} (the demo mode), writes a fresh key first. */
    public static ChainKeys load(Path file, boolean createIfMissing) {
        try {
            if (!Files.exists(file)) {
                if (!createIfMissing) {
                    throw new IllegalStateException("The access log's key file " + file.toAbsolutePath()
                            + " does not exist. Create it (one line: an id and a base64 key of 32 random bytes, "
                            + "e.g. `echo \"k1 $(head -c 32 /dev/urandom | base64)\"`) and set TSUNAGU_AUDIT_KEY_FILE.");
                }
                create(file);
            }
            Map<String, byte[]> keys = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] parts = text.split("\\s+");
                if (parts.length != 2) {
                    throw new IllegalStateException("A line of " + file + " is not `<id> <base64 key>`");
                }
                byte[] key = Base64.getDecoder().decode(parts[1]);
                if (key.length < 32) {
                    throw new IllegalStateException("The key " + parts[0] + " in " + file + " is shorter than 32 bytes");
                }
                keys.put(parts[0], key);
            }
            return new ChainKeys(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("The access log's key file " + file + " could not be read", e);
        }
    }

    /** For tests and tools: keys given directly, the last one current. */
    static ChainKeys of(Map<String, byte[]> keys) {
        return new ChainKeys(new LinkedHashMap<>(keys));
    }

    public String currentId() {
        return current;
    }

    public boolean knows(String keyId) {
        return keys.containsKey(keyId);
    }

    /** The hex HMAC-SHA-256 of {@code content} under the named key. */
    public String mac(String keyId, String content) {
        byte[] key = keys.get(keyId);
        if (key == null) {
            throw new IllegalArgumentException("no access log key named " + keyId);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Compares two MACs in constant time. */
    public static boolean same(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }

    private static void create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String id = "k" + LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE);
        String text = "# The access log's chain key (demo mode, created at first start). Keep it outside the database.\n"
                + id + " " + Base64.getEncoder().encodeToString(key) + "\n";
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file keeps its directory's permissions.
        }
    }
}
