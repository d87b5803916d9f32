package jp.tsunagu.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The embedded default keeps a person's data: durable settings, restarts, and a hard kill. */
class EmbeddedPostgresServerIT {

    @Test
    void durabilitySettingsAreOn_andDataSurvivesARestart() throws Exception {
        Path directory = Path.of("target/it-data/restart-" + UUID.randomUUID());
        try (var server = EmbeddedPostgresServer.start(directory, 0, "tsunagu");
             var connection = connect(server)) {
            assertThat(setting(connection, "fsync")).isEqualTo("on");
            assertThat(setting(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(connection, "data_checksums")).as("a new cluster has page checksums").isEqualTo("on");
            connection.createStatement().execute("create table kept (note text)");
            connection.createStatement().execute("insert into kept values ('血圧 128/82')");
        }
        try (var server = EmbeddedPostgresServer.start(directory, 0, "tsunagu");
             var connection = connect(server)) {
            assertThat(single(connection, "select note from kept")).isEqualTo("血圧 128/82");
        }
    }

    @Test
    void startAfterKillMinus9_stopsTheOrphanedServer_andKeepsCommittedData() throws Exception {
        Path directory = Path.of("target/it-data/kill9-" + UUID.randomUUID()).toAbsolutePath();
        int port = freePort();

        Process child = new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                EmbeddedPostgresChild.class.getName(), directory.toString(), Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        awaitReady(child);
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + port + "/tsunagu", "postgres", "")) {
            connection.createStatement().execute("create table kept (note text)");
            connection.createStatement().execute("insert into kept values ('committed before the kill')");
        }
        long orphanPid = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).getFirst().trim());

        child.destroyForcibly(); // SIGKILL: no shutdown hook runs, exactly like kill -9
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive))
                .as("the postmaster outlives the killed JVM").contains(true);

        try (var server = EmbeddedPostgresServer.start(directory, port, "tsunagu");
             var connection = connect(server)) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(single(connection, "select note from kept")).isEqualTo("committed before the kill");
        }
    }

    @Test
    void aSecondPortal_onAPortAnotherServerHolds_refusesToStart_insteadOfUsingThatDatabase() throws Exception {
        Path first = Path.of("target/it-data/first-" + UUID.randomUUID());
        Path second = Path.of("target/it-data/second-" + UUID.randomUUID());
        try (var running = EmbeddedPostgresServer.start(first, 0, "tsunagu")) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(second, running.port(), "tsunagu"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + running.port() + " is already in use")
                    .hasMessageContaining("TSUNAGU_EMBEDDED_DATABASE_PORT");
            try (var connection = connect(running)) {
                assertThat(setting(connection, "data_directory")).isEqualTo(first.toAbsolutePath().normalize().toString());
            }
        }
    }

    @Test
    void thePortalsOwnRole_ownsNothing_andIsNoSuperuser() throws Exception {
        Path directory = Path.of("target/it-data/roles-" + UUID.randomUUID());
        try (var server = EmbeddedPostgresServer.start(directory, 0, "tsunagu");
             var connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), "")) {
            assertThat(single(connection, "select current_user")).isEqualTo(EmbeddedPostgresServer.APP_ROLE);
            assertThat(single(connection, "select rolsuper::text from pg_roles where rolname = current_user"))
                    .isEqualTo("false");
            assertThatThrownBy(() -> connection.createStatement().execute("create table mine (x int)"))
                    .hasMessageContaining("permission denied");
        }
    }

    private static void awaitReady(Process child) throws Exception {
        var reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        var output = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
            output.append(line).append('\n');
            if (line.startsWith("READY ")) {
                // keep draining the child's output so that it never blocks on a full pipe
                Thread.ofVirtual().start(() -> reader.lines().forEach(ignored -> { }));
                return;
            }
        }
        throw new AssertionError("The child JVM did not start its PostgreSQL:\n" + output);
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.ownerJdbcUrl(), server.ownerUsername(), "");
    }

    private static String setting(Connection connection, String name) throws SQLException {
        return single(connection, "show " + name);
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
