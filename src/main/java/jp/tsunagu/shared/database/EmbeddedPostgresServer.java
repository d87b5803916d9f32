package jp.tsunagu.shared.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 cluster in a directory of the portal's own, for the demo mode.
 *
 * <p>Two things differ from the library's test defaults, because a person's data lives here:
 * {@code fsync} and {@code synchronous_commit} are on, and the cluster is never wiped. When the
 * portal was killed hard ({@code kill -9}), its postmaster survives as an orphan that still holds
 * the data directory and the port; it is stopped before the new start.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String SUPERUSER = "postgres";
    /** The role the portal connects as: it owns nothing (the tables belong to the superuser that migrates). */
    public static final String APP_ROLE = "tsunagu_app";

    private final EmbeddedPostgres postgres;
    private final String databaseName;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String databaseName) {
        this.postgres = postgres;
        this.databaseName = databaseName;
    }

    /** Starts (initialising on first use) the cluster in {@code dataDirectory}. */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, String databaseName) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
            claimOwnership(directory);
            stopOrphanedServer(directory);
            initialiseWithChecksums(directory);
            int chosenPort = port == 0 ? freePort() : port;
            refuseTakenPort(chosenPort, directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // Whoever starts it closes it (Spring: after every bean that uses it). A JVM shutdown hook of
                    // its own would stop PostgreSQL while Spring's own hook still closes contexts that write to it
                    // (the last audit checkpoint), which then wait 30 s for a connection; orphans of a killed JVM
                    // are stopped at the next start (stopOrphanedServer).
                    .setRegisterShutdownHook(false)
                    .setPort(chosenPort)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, databaseName);
            server.refuseSomeoneElsesServer(directory);
            server.createDatabaseIfMissing();
            server.createAppRoleIfMissing();
            log.info("Embedded PostgreSQL ready on port {} with data in {}", postgres.getPort(), directory);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL in " + directory + " could not start: "
                    + e.getMessage() + ". If another program uses the port, set TSUNAGU_EMBEDDED_DATABASE_PORT.", e);
        }
    }

    /** The portal's own connection: {@link #APP_ROLE}, which owns nothing. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(APP_ROLE, databaseName);
    }

    public String username() {
        return APP_ROLE;
    }

    /** The owner's connection, for migrations (and tests that play a database owner). */
    public String ownerJdbcUrl() {
        return postgres.getJdbcUrl(SUPERUSER, databaseName);
    }

    public String ownerUsername() {
        return SUPERUSER;
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery(
                    "select 1 from pg_database where datname = '" + databaseName.replace("'", "''") + "'");
            if (!exists.next()) {
                statement.execute("create database \"" + databaseName.replace("\"", "\"\"") + "\" encoding 'UTF8'");
                log.info("Created database {}", databaseName);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + databaseName, e);
        }
    }

    /**
     * A new cluster is made with data checksums, so that a page damaged on disk is an error rather than
     * silently wrong data. The library's own initdb takes no {@code -k}; so the cluster is initialised
     * here with the very binaries it extracts (the same flags it uses, plus {@code -k}), and the library
     * then finds an initialised directory and only starts it. An existing cluster is left as it is.
     */
    private static void initialiseWithChecksums(Path directory) throws IOException {
        if (Files.exists(directory.resolve("PG_VERSION"))) {
            return;
        }
        Path binaries = extractedBinaries().orElseGet(() -> {
            // First use on this machine: a throwaway start makes the library extract its binaries.
            try (EmbeddedPostgres throwaway = EmbeddedPostgres.builder().setPort(freePort()).start()) {
                log.debug("PostgreSQL binaries extracted by a first start on port {}", throwaway.getPort());
            } catch (IOException e) {
                throw new UncheckedIOException("The embedded PostgreSQL binaries could not be prepared", e);
            }
            return extractedBinaries().orElseThrow(() -> new IllegalStateException(
                    "The embedded PostgreSQL binaries were not found after extraction"));
        });
        List<String> command = new java.util.ArrayList<>();
        // As the library runs its binaries: PostgreSQL refuses root, so as root (containers, CI) in a user namespace.
        if (io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", SUPERUSER,
                "-D", directory.toString(), "-E", "UTF-8", "--data-checksums"));
        Process initdb = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(initdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!initdb.waitFor(120, TimeUnit.SECONDS) || initdb.exitValue() != 0) {
                throw new IllegalStateException("initdb failed for " + directory + ":\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while initialising " + directory, e);
        }
        log.info("Initialised a new PostgreSQL cluster with data checksums in {}", directory);
    }

    /** Where the library keeps the binaries it extracted ({@code java.io.tmpdir/embedded-pg/PG-<hash>}). */
    private static Optional<Path> extractedBinaries() throws UncheckedIOException {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (var candidates = Files.list(root)) {
            return candidates.filter(dir -> dir.getFileName().toString().startsWith("PG-"))
                    .filter(dir -> Files.exists(dir.resolve(".exists")) && Files.isExecutable(dir.resolve("bin/initdb")))
                    .max(java.util.Comparator.comparing(dir -> dir.toFile().lastModified()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The portal's connection role: may log in, owns nothing, creates nothing. Migrations grant it what
     * it may do (db/migration/afterMigrate.sql).
     */
    private void createAppRoleIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_roles where rolname = '" + APP_ROLE + "'");
            if (!exists.next()) {
                statement.execute("create role " + APP_ROLE
                        + " login nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the role " + APP_ROLE, e);
        }
    }

    /**
     * Another PostgreSQL already listens on the port (a second demo portal, another program): starting
     * ours would fail to bind, and connecting would read and write the other one's data. Refuse.
     */
    private static void refuseTakenPort(int port, Path directory) {
        try (ServerSocket probe = new ServerSocket()) {
            // As PostgreSQL binds: closed connections in TIME_WAIT do not count, a listener does.
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
        } catch (IOException taken) {
            throw new IllegalStateException("Port " + port + " is already in use by another program (perhaps "
                    + "another Tsunagu demo with its own data). This portal's data is in " + directory
                    + "; it will not connect to someone else's database. Stop the other program, or give this "
                    + "portal its own port: TSUNAGU_EMBEDDED_DATABASE_PORT=54330.");
        }
    }

    /** After the start: the server that answers must be the one on our directory. */
    private void refuseSomeoneElsesServer(Path directory) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            var result = statement.executeQuery("select current_setting('data_directory')");
            result.next();
            Path serving = Path.of(result.getString(1)).toAbsolutePath().normalize();
            if (!serving.equals(directory)) {
                throw new IllegalStateException("The PostgreSQL on port " + postgres.getPort() + " serves "
                        + serving + ", not this portal's " + directory + ". Refusing to use someone else's "
                        + "database; set TSUNAGU_EMBEDDED_DATABASE_PORT to a free port.");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check which data directory the embedded PostgreSQL serves", e);
        }
    }

    /**
     * A postmaster left behind by a killed portal still runs on this directory: ask it to shut down
     * (fast mode: it rolls back what was uncommitted, committed data is on disk), then start anew.
     * A pid file whose process is not a postgres (pid reused after a reboot) is simply stale.
     */
    private static void stopOrphanedServer(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        Optional<Long> pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        boolean isPostgres = process.flatMap(p -> p.info().command())
                .map(command -> command.endsWith("/postgres") || command.endsWith("/postmaster"))
                .orElse(false);
        if (process.isEmpty() || !isPostgres) {
            log.info("Removing stale {} (process {} is gone)", pidFile, pid.get());
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("A PostgreSQL from an earlier run (pid {}) still holds {}; stopping it", pid.get(), directory);
        ProcessHandle postmaster = process.get();
        // SIGINT is PostgreSQL's "fast shutdown"; Java has no portable SIGINT, so use kill(1).
        new ProcessBuilder("kill", "-INT", Long.toString(pid.get())).inheritIO().start();
        try {
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception timeout) {
            log.warn("PostgreSQL pid {} did not stop in 30 s; killing it (it recovers from its WAL)", pid.get());
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        }
    }

    /**
     * One process owns an embedded database at a time. A second one (the import command while the
     * portal runs) must not mistake the living portal's PostgreSQL for an orphan and stop it.
     */
    private static void claimOwnership(Path directory) throws IOException {
        Path ownerFile = directory.resolveSibling(directory.getFileName() + ".owner");
        long self = ProcessHandle.current().pid();
        Optional<ProcessHandle> owner = readPid(ownerFile).filter(pid -> pid != self).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false));
        if (owner.isPresent()) {
            throw new IllegalStateException("Another Tsunagu process (pid " + owner.get().pid() + ") is using the "
                    + "embedded database in " + directory + ". Stop it first, or send bundles to its POST /fhir.");
        }
        Files.createDirectories(ownerFile.getParent());
        Files.writeString(ownerFile, Long.toString(self), StandardCharsets.US_ASCII);
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
