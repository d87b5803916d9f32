package jp.tsunagu.shared.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import jp.tsunagu.shared.DemoMode;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The demo mode's database: the embedded PostgreSQL and a pooled DataSource on it. Spring Boot's
 * own DataSource (from {@code spring.datasource.url}) steps back because this one exists; in the
 * production mode this configuration is off and that URL is used.
 */
@Configuration(proxyBeanMethods = false)
@DemoMode
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(EmbeddedDatabaseProperties properties) {
        return EmbeddedPostgresServer.start(properties.dataDirectory(), properties.port(), properties.databaseName());
    }

    /** The portal's connection, as the role that owns nothing. */
    @Bean
    DataSource dataSource(EmbeddedPostgresServer server) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl());
        dataSource.setUsername(server.username());
        dataSource.setPoolName("tsunagu-embedded");
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }

    /** Flyway's connection, as the owner; used only while migrating, so not pooled. */
    @Bean(defaultCandidate = false)
    @FlywayDataSource
    DataSource ownerDataSource(EmbeddedPostgresServer server) {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), server.ownerJdbcUrl(), server.ownerUsername(), "");
    }
}
