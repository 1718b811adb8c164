package io.aitip.executors.kubernetes;

import io.aitip.platform.training.JobStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Updates the {@code status_message} of a live job without moving its status (the scheduler's
 * reason while it waits, a preemption while it runs). Status moves go through JobStateMachine.
 */
final class JobNotes {

    private final JdbcTemplate jdbc;

    JobNotes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Sets the message if the job is still in {@code status} and the message differs; true when written. */
    boolean note(String jobId, JobStatus status, String message) {
        return jdbc.update("UPDATE training_jobs SET status_message = ?, updated_at = now() WHERE id = ? AND status = ? "
                + "AND status_message IS DISTINCT FROM ?", message, jobId, status.wire(), message) == 1;
    }

    /** The URI of a dataset version, for the job's environment; null when unknown. */
    String datasetUri(String datasetId, String version) {
        if (datasetId == null) {
            return null;
        }
        return jdbc.queryForList("SELECT uri FROM dataset_versions WHERE dataset_id = ? AND version = ? "
                        + "UNION ALL SELECT uri FROM datasets WHERE id = ? LIMIT 1", String.class, datasetId, version,
                datasetId).stream().findFirst().orElse(null);
    }
}
