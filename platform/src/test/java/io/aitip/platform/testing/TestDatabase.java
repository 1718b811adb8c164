package io.aitip.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh database on the machine's real PostgreSQL (127.0.0.1:5432, trust auth) for one test
 * class, migrated with the project's Flyway migrations. Override the server with
 * {@code AITIP_TEST_PG_URL} (a JDBC URL to any database of that server; default the {@code postgres} db).
 */
public final class TestDatabase implements AutoCloseable {

    private static final String ADMIN_URL = System.getenv().getOrDefault(
            "AITIP_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = System.getenv().getOrDefault("AITIP_TEST_PG_USER", "postgres");

    private final String name;
    private final String url;

    private TestDatabase(String name) {
        this.name = name;
        this.url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    /** Creates and migrates a new database named {@code aitip_test_<random>}. */
    public static TestDatabase create() {
        TestDatabase db = new TestDatabase("aitip_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        db.admin("CREATE DATABASE " + db.name);
        Flyway.configure().dataSource(db.url, USER, "").locations("classpath:db/migration").load().migrate();
        return db;
    }

    public String url() {
        return url;
    }

    public String user() {
        return USER;
    }

    public DataSource dataSource() {
        return new DriverManagerDataSource(url, USER, "");
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test PostgreSQL at " + ADMIN_URL + ": " + e.getMessage(), e);
        }
    }
}
