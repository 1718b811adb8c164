-- Datasets, their versions, experiments and training jobs with their logs and metrics.
-- Every row carries org_id and project_id; queries filter by both (tenancy).

CREATE TABLE datasets (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL,
    project_id      TEXT NOT NULL,
    owner_id        TEXT NOT NULL,
    name            TEXT NOT NULL,
    description     TEXT,
    uri             TEXT NOT NULL,
    format          TEXT,
    tags            TEXT[] NOT NULL DEFAULT '{}',
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
    latest_version  TEXT NOT NULL DEFAULT 'v1',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (project_id, name)
);
CREATE INDEX datasets_org_project_created ON datasets (org_id, project_id, created_at DESC, id DESC);

CREATE TABLE dataset_versions (
    id              TEXT PRIMARY KEY,
    dataset_id      TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    version         TEXT NOT NULL,
    uri             TEXT NOT NULL,
    changes         TEXT,
    parent_version  TEXT,
    created_by      TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (dataset_id, version)
);

CREATE TABLE experiments (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL,
    project_id   TEXT NOT NULL,
    name         TEXT NOT NULL,
    description  TEXT,
    hypothesis   TEXT,
    status       TEXT NOT NULL DEFAULT 'active',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (project_id, name)
);

CREATE TABLE training_jobs (
    id                   TEXT PRIMARY KEY,
    org_id               TEXT NOT NULL,
    project_id           TEXT NOT NULL,
    owner_id             TEXT NOT NULL,
    name                 TEXT NOT NULL,
    model                TEXT NOT NULL,
    dataset_id           TEXT REFERENCES datasets(id) ON DELETE SET NULL,
    dataset_version      TEXT,
    framework            TEXT,
    command              TEXT,
    image                TEXT,
    config               JSONB NOT NULL DEFAULT '{}',
    gpu_type             TEXT,
    gpu_count            INTEGER NOT NULL DEFAULT 0,
    cpu                  DOUBLE PRECISION,
    memory_gb            DOUBLE PRECISION,
    distributed          TEXT NOT NULL DEFAULT 'none',
    nodes                INTEGER NOT NULL DEFAULT 1,
    experiment_id        TEXT REFERENCES experiments(id) ON DELETE SET NULL,
    priority             INTEGER NOT NULL DEFAULT 0,
    max_runtime_minutes  INTEGER,
    status               TEXT NOT NULL CHECK (status IN
                             ('pending', 'queued', 'running', 'succeeded', 'failed', 'cancelled')),
    status_message       TEXT,
    assigned_gpus        TEXT,
    pid                  BIGINT,
    pid_started_at       TIMESTAMPTZ,
    work_dir             TEXT,
    log_offset           BIGINT NOT NULL DEFAULT 0,
    exit_code            INTEGER,
    checkpoint_path      TEXT,
    queued_at            TIMESTAMPTZ,
    started_at           TIMESTAMPTZ,
    ended_at             TIMESTAMPTZ,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX training_jobs_org_status_created ON training_jobs (org_id, status, created_at DESC);
CREATE INDEX training_jobs_org_project_created ON training_jobs (org_id, project_id, created_at DESC, id DESC);
CREATE INDEX training_jobs_dataset ON training_jobs (dataset_id);
-- the executor's start-up scan (recover) looks at live jobs only
CREATE INDEX training_jobs_live ON training_jobs (status, queued_at, created_at)
    WHERE status IN ('pending', 'queued', 'running');

-- log_offset above is the byte offset in the job's output.log up to which lines are stored here,
-- so a restarted server re-attaches its tailer without duplicating or losing lines.
CREATE TABLE job_logs (
    job_id  TEXT NOT NULL REFERENCES training_jobs(id) ON DELETE CASCADE,
    seq     BIGINT NOT NULL,
    at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    stream  TEXT NOT NULL DEFAULT 'output',
    line    TEXT NOT NULL,
    PRIMARY KEY (job_id, seq)
);

CREATE TABLE job_metrics (
    job_id  TEXT NOT NULL REFERENCES training_jobs(id) ON DELETE CASCADE,
    name    TEXT NOT NULL,
    step    BIGINT NOT NULL,
    value   DOUBLE PRECISION NOT NULL,
    at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX job_metrics_job_name_step ON job_metrics (job_id, name, step);
