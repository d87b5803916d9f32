package jp.tsunagu.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL set up the way the README asks an operator to: a database {@code tsunagu} owned by
 * {@code tsunagu_owner} (migrations) and a login role {@code tsunagu_portal} that owns nothing (the
 * portal); and a chain key file outside it.
 */
final class ProductionDatabases {

    private ProductionDatabases() {
    }

    static EmbeddedPostgres start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("create role tsunagu_owner login");
                statement.execute("create role tsunagu_portal login");
                statement.execute("create database tsunagu owner tsunagu_owner");
            }
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path keyFile() {
        try {
            Path file = Path.of("target/it-data/production-" + UUID.randomUUID() + "/chain.key").toAbsolutePath();
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            Files.writeString(file, "k1 " + Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
