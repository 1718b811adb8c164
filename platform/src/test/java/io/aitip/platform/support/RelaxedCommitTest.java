package io.aitip.platform.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aitip.platform.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Against the machine's PostgreSQL: the relaxed write commits, rolls back alone, and joins a caller's transaction. */
class RelaxedCommitTest {

    private static TestDatabase database;
    private static javax.sql.DataSource dataSource;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        database = TestDatabase.create();
        dataSource = database.dataSource();
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE relaxed (id text PRIMARY KEY, n int NOT NULL)");
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void empty() {
        jdbc.execute("TRUNCATE relaxed");
    }

    @Test
    void theWriteIsCommittedAndTheConnectionIsLeftAsItWas() {
        assertThat(RelaxedCommit.update(jdbc, "INSERT INTO relaxed VALUES (?, ?)", "a", 1)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT n FROM relaxed WHERE id = 'a'", Integer.class)).isEqualTo(1);
        // the setting was LOCAL to that transaction: the pooled connection commits synchronously again
        assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
        Boolean autoCommit = jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Boolean>) c -> c.getAutoCommit());
        assertThat(autoCommit).isTrue();
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        RelaxedCommit.update(jdbc, "INSERT INTO relaxed VALUES (?, ?)", "a", 1);
        assertThatThrownBy(() -> RelaxedCommit.update(jdbc, "INSERT INTO relaxed VALUES (?, ?)", "a", 2))
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM relaxed", Integer.class)).isEqualTo(1);
        assertThat(RelaxedCommit.update(jdbc, "UPDATE relaxed SET n = ? WHERE id = ?", 3, "a")).isEqualTo(1);
    }

    @Test
    void insideACallersTransactionItDoesNotCommitForTheCaller() {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        tx.executeWithoutResult(status -> {
            RelaxedCommit.update(jdbc, "INSERT INTO relaxed VALUES (?, ?)", "b", 1);
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM relaxed", Integer.class)).isZero();
    }
}
