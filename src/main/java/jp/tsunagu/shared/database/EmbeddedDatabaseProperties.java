package jp.tsunagu.shared.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the embedded PostgreSQL of the demo mode keeps its data and listens.
 *
 * @param dataDirectory the cluster's directory; it survives restarts
 * @param port a fixed port, so that a server orphaned by {@code kill -9} is found again; 0 picks a
 *     free port (tests)
 * @param databaseName the database the portal uses inside the cluster
 */
@ConfigurationProperties("tsunagu.embedded-database")
record EmbeddedDatabaseProperties(
        @DefaultValue("data/postgres") Path dataDirectory,
        @DefaultValue("54329") int port,
        @DefaultValue("tsunagu") String databaseName) {
}
