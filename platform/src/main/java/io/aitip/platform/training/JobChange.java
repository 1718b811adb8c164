package io.aitip.platform.training;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Columns that change together with a job's status; only those set are written. */
public final class JobChange {

    private final Map<String, Object> columns = new LinkedHashMap<>();

    public static JobChange none() {
        return new JobChange();
    }

    public static JobChange message(String message) {
        return new JobChange().set("status_message", message);
    }

    public JobChange process(long pid, Instant startedAt, String workDir) {
        return set("pid", pid).set("pid_started_at", startedAt == null ? null : java.sql.Timestamp.from(startedAt))
                .set("work_dir", workDir);
    }

    public JobChange assignedGpus(String gpus) {
        return set("assigned_gpus", gpus);
    }

    public JobChange exitCode(Integer code) {
        return set("exit_code", code);
    }

    public JobChange checkpointPath(String path) {
        return set("checkpoint_path", path);
    }

    public JobChange withMessage(String message) {
        return set("status_message", message);
    }

    private JobChange set(String column, Object value) {
        columns.put(column, value);
        return this;
    }

    Map<String, Object> columns() {
        return columns;
    }
}
