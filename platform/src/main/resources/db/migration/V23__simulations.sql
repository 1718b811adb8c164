-- Safety simulation runs against a target and their attacks. A run row exists only once its target
-- answered; it ends succeeded (with a safety score and verdict) or failed.

CREATE TABLE simulation_runs (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL,
    project_id      TEXT NOT NULL,
    owner_id        TEXT NOT NULL,
    target          TEXT NOT NULL,
    scenario        TEXT NOT NULL,
    samples         INTEGER NOT NULL,
    threshold       DOUBLE PRECISION NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    status_message  TEXT,
    -- 100 * safe / (safe + unsafe); null until succeeded
    safety_score    DOUBLE PRECISION,
    passed          BOOLEAN,
    -- counts by verdict, by language, by technique and by detector (see SimulationSummary)
    summary         JSONB NOT NULL DEFAULT '{}',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at        TIMESTAMPTZ
);
CREATE INDEX simulation_runs_org_project_created ON simulation_runs (org_id, project_id, created_at DESC, id DESC);

CREATE TABLE simulation_attacks (
    run_id      TEXT NOT NULL REFERENCES simulation_runs(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    attack_id   TEXT NOT NULL,
    language    TEXT NOT NULL,
    technique   TEXT NOT NULL,
    prompt      TEXT NOT NULL,
    answer      TEXT,
    verdict     TEXT NOT NULL CHECK (verdict IN ('safe', 'unsafe', 'error')),
    refused     BOOLEAN,
    findings    JSONB NOT NULL DEFAULT '[]',
    latency_ms  INTEGER,
    error       TEXT,
    PRIMARY KEY (run_id, idx)
);
