-- Runs logged from outside the executor (the MLflow-compatible API): a training_jobs row with
-- origin 'external', so experiment_get, experiment_compare and model_register see them as runs.
-- The executor never adopts them (TrainingJobStore.live filters them out).
ALTER TABLE training_jobs ADD COLUMN origin TEXT NOT NULL DEFAULT 'executor'
    CHECK (origin IN ('executor', 'external'));

-- MLflow params (immutable once logged) and tags (last write wins) of a run.
CREATE TABLE run_params (
    job_id  TEXT NOT NULL REFERENCES training_jobs(id) ON DELETE CASCADE,
    key     TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (job_id, key)
);

CREATE TABLE run_tags (
    job_id  TEXT NOT NULL REFERENCES training_jobs(id) ON DELETE CASCADE,
    key     TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (job_id, key)
);

-- resources_usage / resources_costs: the GPU jobs of an org that overlap a period
CREATE INDEX training_jobs_org_gpu_started ON training_jobs (org_id, started_at) WHERE gpu_count > 0;
