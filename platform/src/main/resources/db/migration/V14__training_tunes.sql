-- Hyperparameter searches (training_tune): one row per search, one row per trial. A trial is a
-- training job (job_id) once submitted; the tune reconciler moves trials and the tune forward.

CREATE TABLE tunes (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL,
    project_id      TEXT NOT NULL,
    owner_id        TEXT NOT NULL,
    name            TEXT NOT NULL,
    experiment_id   TEXT REFERENCES experiments(id) ON DELETE SET NULL,
    -- what was asked: base job, search space, algorithm, objective, early stopping, seed (TuneSpec)
    spec            JSONB NOT NULL,
    parallelism     INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    status_message  TEXT,
    best_trial      INTEGER,
    -- the reconciler that advances this tune now; an expired lease lets another one take over
    lease_owner     TEXT,
    lease_until     TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at        TIMESTAMPTZ
);
CREATE INDEX tunes_org_project_created ON tunes (org_id, project_id, created_at DESC, id DESC);
-- the reconciler's scan
CREATE INDEX tunes_running ON tunes (created_at) WHERE status = 'running';

CREATE TABLE tune_trials (
    tune_id         TEXT NOT NULL REFERENCES tunes(id) ON DELETE CASCADE,
    number          INTEGER NOT NULL,
    -- hyperparameter name -> value for this trial
    params          JSONB NOT NULL,
    job_id          TEXT REFERENCES training_jobs(id) ON DELETE SET NULL,
    status          TEXT NOT NULL CHECK (status IN
                        ('pending', 'running', 'succeeded', 'failed', 'cancelled', 'stopped_early')),
    objective       DOUBLE PRECISION,
    objective_step  BIGINT,
    message         TEXT,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tune_id, number)
);
CREATE INDEX tune_trials_job ON tune_trials (job_id) WHERE job_id IS NOT NULL;
