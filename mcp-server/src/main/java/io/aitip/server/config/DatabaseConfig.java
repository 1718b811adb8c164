package io.aitip.server.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store: external PostgreSQL when {@code AITIP_DB_URL} is set, else an embedded PostgreSQL
 * (real binaries from Maven Central) with its data under {@code AITIP_HOME/pgdata}, so the server
 * runs on a laptop with no services.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(AitipProperties properties, EmbeddedDatabase embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("aitip");
        config.setMaximumPoolSize(16);
        String url = properties.db() == null ? null : properties.db().url();
        if (url == null || url.isBlank()) {
            config.setJdbcUrl(embedded.start(Path.of(properties.home())).getJdbcUrl("postgres", "postgres"));
            config.setUsername("postgres");
        } else {
            config.setJdbcUrl(url.startsWith("jdbc:") ? url : "jdbc:" + url);
            config.setUsername(properties.db().user());
            config.setPassword(properties.db().password());
        }
        // batched inserts (audit rows, log lines) become multi-row INSERTs
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    @Bean(destroyMethod = "close")
    public EmbeddedDatabase embeddedDatabase() {
        return new EmbeddedDatabase();
    }

    /** Holds the embedded server, if one was started, so it stops after the pool closes. */
    public static final class EmbeddedDatabase implements AutoCloseable {
        private EmbeddedPostgres postgres;

        synchronized EmbeddedPostgres start(Path home) {
            Path data = home.resolve("pgdata");
            try {
                Files.createDirectories(data);
                long started = System.nanoTime();
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(data)
                        .setCleanDataDirectory(false)
                        .setOverrideWorkingDirectory(home.resolve("pg-binaries").toFile())
                        .start();
                log.info("embedded PostgreSQL ready in {} ms (data: {})", (System.nanoTime() - started) / 1_000_000, data);
                return postgres;
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("Cannot start the embedded PostgreSQL in " + data + " (" + e.getMessage()
                        + "). Is another aitip using this AITIP_HOME? Set AITIP_HOME to another folder or AITIP_DB_URL.", e);
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
