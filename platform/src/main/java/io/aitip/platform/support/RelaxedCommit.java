package io.aitip.platform.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One write that does not wait for the WAL flush ({@code synchronous_commit = off} for its own
 * transaction only). For state whose loss in a crash is harmless because the user simply asks
 * again: a conversation's pending turn, an issued confirmation token. On a busy disk the flush is
 * most of a request's time (10–25 ms per commit measured here). The write is still atomic and
 * replicated; a crash can lose at most the last few hundred milliseconds of such writes, never
 * corrupt them. Never use it for anything whose loss would let something happen twice (redeeming
 * a token, claiming work): those stay synchronous.
 */
public final class RelaxedCommit {

    private RelaxedCommit() {
    }

    /**
     * Runs {@code sql} with {@code args} in its own transaction with a relaxed commit; the update
     * count. Inside a caller's transaction it is a plain update (that transaction's commit decides).
     */
    public static int update(JdbcTemplate jdbc, String sql, Object... args) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return jdbc.update(sql, args); // part of a caller's transaction: its commit decides
        }
        Integer count = jdbc.execute((ConnectionCallback<Integer>) connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (Statement relax = connection.createStatement()) {
                    relax.execute("SET LOCAL synchronous_commit = off");
                }
                int updated;
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (int i = 0; i < args.length; i++) {
                        statement.setObject(i + 1, args[i]);
                    }
                    updated = statement.executeUpdate();
                }
                connection.commit();
                return updated;
            } catch (java.sql.SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        });
        return count == null ? 0 : count;
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (java.sql.SQLException ignored) {
            // the original failure is the one worth reporting
        }
    }
}
