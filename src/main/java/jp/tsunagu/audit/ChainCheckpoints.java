package jp.tsunagu.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jp.tsunagu.audit.persistence.AccessLogStore.Head;

/**
 * Signed chain heads outside the database. Every few minutes the newest row's number and MAC are
 * appended to {@code checkpoints.log} with a MAC of their own; the chain check then demands that every
 * checkpointed row is still there with the same MAC. Rows removed from the end of the log, which leave
 * no broken link behind, are found this way. Lines are only ever appended and forced to disk.
 */
public final class ChainCheckpoints {

    static final String FILE = "checkpoints.log";

    /** One line of the file; {@code genuine} is false when its MAC does not match (a forged or edited line). */
    public record Checkpoint(long seq, String hash, Instant at, boolean genuine, int line) {
    }

    private final Path file;
    private final ChainKeys keys;

    ChainCheckpoints(Path directory, ChainKeys keys) {
        this.file = directory.resolve(FILE);
        this.keys = keys;
    }

    /** Appends the head unless the newest checkpoint already names it. */
    synchronized Optional<Checkpoint> write(Head head, Instant now) {
        List<Checkpoint> existing = read();
        if (!existing.isEmpty() && existing.getLast().seq() == head.seq() && existing.getLast().hash().equals(head.hash())) {
            return Optional.empty();
        }
        String keyId = keys.currentId();
        String line = head.seq() + " " + head.hash() + " " + now + " " + keyId + " "
                + keys.mac(keyId, ChainContent.checkpoint(head.seq(), head.hash(), now)) + "\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The access log checkpoint could not be written to " + file, e);
        }
        return Optional.of(new Checkpoint(head.seq(), head.hash(), now, true, existing.size() + 1));
    }

    /** Every line, in file order; a line that does not parse counts as not genuine. */
    synchronized List<Checkpoint> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("The access log checkpoints in " + file + " could not be read", e);
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (!text.isEmpty()) {
                checkpoints.add(parse(text, i + 1));
            }
        }
        return checkpoints;
    }

    Path file() {
        return file;
    }

    private Checkpoint parse(String text, int line) {
        String[] parts = text.split(" ");
        try {
            long seq = Long.parseLong(parts[0]);
            Instant at = Instant.parse(parts[2]);
            boolean genuine = parts.length == 5 && keys.knows(parts[3])
                    && ChainKeys.same(keys.mac(parts[3], ChainContent.checkpoint(seq, parts[1], at)), parts[4]);
            return new Checkpoint(seq, parts[1], at, genuine, line);
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException | DateTimeParseException e) {
            return new Checkpoint(-1, "", Instant.EPOCH, false, line);
        }
    }
}
