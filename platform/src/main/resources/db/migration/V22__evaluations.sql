-- Evaluation runs of a model version on a benchmark, and their scored items. A run row exists only
-- once its target answered (an unreachable endpoint stores nothing); it ends succeeded or failed.

CREATE TABLE evaluation_runs (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL,
    project_id       TEXT NOT NULL,
    owner_id         TEXT NOT NULL,
    model_id         TEXT NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    model_version    TEXT NOT NULL,
    benchmark        TEXT NOT NULL,
    dataset_id       TEXT REFERENCES datasets(id) ON DELETE SET NULL,
    dataset_version  TEXT,
    -- the URL (never with credentials) or service id the caller named
    target           TEXT NOT NULL,
    resources        JSONB NOT NULL DEFAULT '{}',
    metric           TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    status_message   TEXT,
    -- the benchmark's metric over all items, 0..1; null until succeeded
    score            DOUBLE PRECISION,
    item_count       INTEGER NOT NULL,
    -- per-category scores, latency percentiles, error count (see EvaluationAggregates)
    aggregates       JSONB NOT NULL DEFAULT '{}',
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at         TIMESTAMPTZ
);
CREATE INDEX evaluation_runs_org_project_created ON evaluation_runs (org_id, project_id, created_at DESC, id DESC);
CREATE INDEX evaluation_runs_model ON evaluation_runs (model_id, created_at DESC);

CREATE TABLE evaluation_items (
    eval_id     TEXT NOT NULL REFERENCES evaluation_runs(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    item_id     TEXT NOT NULL,
    category    TEXT,
    prompt      TEXT NOT NULL,
    expected    TEXT,
    answer      TEXT,
    extracted   TEXT,
    correct     BOOLEAN NOT NULL,
    latency_ms  INTEGER,
    error       TEXT,
    PRIMARY KEY (eval_id, idx)
);
