package jp.tsunagu.shared.database;

import java.nio.file.Path;

/**
 * Runs an embedded PostgreSQL in a JVM of its own, so that {@link EmbeddedPostgresServerIT} can kill
 * that JVM with SIGKILL as a user's {@code kill -9} would, leaving the postmaster orphaned.
 */
public final class EmbeddedPostgresChild {

    private EmbeddedPostgresChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), Integer.parseInt(args[1]), "tsunagu");
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
