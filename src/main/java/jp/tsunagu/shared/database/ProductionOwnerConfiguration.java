package jp.tsunagu.shared.database;

import javax.sql.DataSource;

import jp.tsunagu.shared.ProductionMode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Production: migrations run as the database owner named here, on the portal's own database URL;
 * the portal itself connects as {@code SPRING_DATASOURCE_USERNAME}, a role that owns nothing. Without
 * an owner, migrations would run as the portal's role, which then owns the tables: the start is refused
 * ({@link DatabaseRoles}).
 */
@Configuration(proxyBeanMethods = false)
@ProductionMode
@ConditionalOnProperty(name = "tsunagu.database.owner.username")
class ProductionOwnerConfiguration {

    @Bean(defaultCandidate = false)
    @FlywayDataSource
    DataSource ownerDataSource(@Value("${spring.datasource.url}") String url,
            @Value("${tsunagu.database.owner.username}") String username,
            @Value("${tsunagu.database.owner.password:}") String password) {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), url, username, password);
    }
}
