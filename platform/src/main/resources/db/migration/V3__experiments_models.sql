-- Experiments (the table is in V2) get their list and run lookups; models and their versions.
-- Every row carries org_id and project_id (models) or hangs off a row that does (model_versions).

CREATE INDEX experiments_org_project_created ON experiments (org_id, project_id, created_at DESC, id DESC);
-- experiment_get lists an experiment's runs newest first; experiment_list counts them
CREATE INDEX training_jobs_experiment_created ON training_jobs (experiment_id, created_at DESC, id DESC)
    WHERE experiment_id IS NOT NULL;

CREATE TABLE models (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL,
    project_id      TEXT NOT NULL,
    owner_id        TEXT NOT NULL,
    name            TEXT NOT NULL,
    description     TEXT,
    framework       TEXT,
    format          TEXT,
    -- the number of the newest version (v<latest_version>); 0 only between the insert and the first version
    latest_version  INTEGER NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- project ids are unique across orgs already; the org makes the tenancy explicit
    UNIQUE (org_id, project_id, name)
);
CREATE INDEX models_org_project_created ON models (org_id, project_id, created_at DESC, id DESC);

CREATE TABLE model_versions (
    id               TEXT PRIMARY KEY,
    model_id         TEXT NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    version          TEXT NOT NULL,
    number           INTEGER NOT NULL,
    source_job_id    TEXT REFERENCES training_jobs(id) ON DELETE SET NULL,
    dataset_id       TEXT REFERENCES datasets(id) ON DELETE SET NULL,
    dataset_version  TEXT,
    artifact_uri     TEXT NOT NULL,
    -- sha256:<hex> of the checkpoint when the server could read it, else null
    checksum         TEXT,
    -- the source job's final metric values, name -> number
    metrics          JSONB NOT NULL DEFAULT '{}',
    created_by       TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (model_id, version),
    UNIQUE (model_id, number)
);
CREATE INDEX model_versions_source_job ON model_versions (source_job_id) WHERE source_job_id IS NOT NULL;
