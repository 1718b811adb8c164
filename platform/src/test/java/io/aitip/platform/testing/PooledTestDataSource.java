package io.aitip.platform.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** A small connection pool over a {@link TestDatabase}, for tests that run many queries or threads. */
public final class PooledTestDataSource {

    private PooledTestDataSource() {
    }

    public static HikariDataSource of(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setPoolName("test-" + db.url().substring(db.url().lastIndexOf('/') + 1));
        return new HikariDataSource(config);
    }
}
