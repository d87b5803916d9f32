package jp.tsunagu.shared.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Two database roles, in every mode: an owner that migrates (and owns every table), and the portal's
 * own connection role, which owns nothing and is granted only what it needs (db/migration/afterMigrate.sql,
 * where the access log may only be inserted into and read). A portal connected as a superuser, or as a
 * role that owns its tables, could rewrite its own access log: it refuses to start.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseRoles {

    /** The migrations learn the connection role's name to grant it its rights. */
    @Bean
    FlywayConfigurationCustomizer appRolePlaceholder(DataSource dataSource) {
        return configuration -> {
            Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
            placeholders.put("app_role", currentUser(dataSource));
            configuration.placeholders(placeholders);
        };
    }

    @Bean
    FlywayMigrationStrategy migrateThenCheckRoles(DataSource dataSource, @Value("${tsunagu.mode:demo}") String mode) {
        return flyway -> {
            String role = currentUser(dataSource);
            if (query(dataSource, "select rolsuper::text from pg_roles where rolname = current_user").equals("true")) {
                throw new IllegalStateException("The portal connects to PostgreSQL as " + role + ", a superuser, "
                        + "which could rewrite the access log. Connect it as a role that owns nothing "
                        + "(SPRING_DATASOURCE_USERNAME) and let migrations run as the owner "
                        + "(TSUNAGU_DATABASE_OWNER_USERNAME / _PASSWORD). See README, 'Production'.");
            }
            flyway.migrate();
            long owned = Long.parseLong(query(dataSource, "select count(*) from pg_class c join pg_namespace n "
                    + "on n.oid = c.relnamespace where n.nspname = current_schema() and c.relowner = "
                    + "(select oid from pg_roles where rolname = current_user)"));
            if (owned > 0) {
                throw new IllegalStateException("The portal's database role " + role + " owns " + owned
                        + " tables or sequences, so it could change the access log behind its trigger. In "
                        + ("production".equals(mode) ? "production" : "this mode")
                        + ", connect the portal as a role that owns nothing (SPRING_DATASOURCE_USERNAME) and "
                        + "give the owner's account to migrations only (TSUNAGU_DATABASE_OWNER_USERNAME / "
                        + "_PASSWORD). See README, 'Production'.");
            }
        };
    }

    private static String currentUser(DataSource dataSource) {
        return query(dataSource, "select current_user");
    }

    private static String query(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not ask the database: " + sql + " (" + e.getMessage() + ")", e);
        }
    }
}
