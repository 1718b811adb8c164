-- Quotas and budgets in GPU-hours (DESIGN.md "estimate": gpus × runtime). Limits per scope override the
-- server defaults (aitip.quota.*); NULL means no limit.
CREATE TABLE quota_limits (
    scope_kind           TEXT NOT NULL CHECK (scope_kind IN ('org', 'project', 'api_key')),
    scope_id             TEXT NOT NULL,
    org_id               TEXT NOT NULL,
    gpu_hours_per_month  NUMERIC(14, 4),
    gpu_hours_per_day    NUMERIC(14, 4),
    concurrent_jobs      INTEGER,
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope_kind, scope_id)
);

-- One counter row per scope and period ('2026-11' month, '2026-11-22' day, 'live' for running jobs).
-- Admission is a conditional UPDATE of these rows (row lock, WHERE re-checked on the newest version),
-- so concurrent submissions can never reserve past a limit.
CREATE TABLE quota_usage (
    scope_kind          TEXT NOT NULL,
    scope_id            TEXT NOT NULL,
    period              TEXT NOT NULL,
    org_id              TEXT NOT NULL,
    used_gpu_hours      NUMERIC(14, 4) NOT NULL DEFAULT 0,
    reserved_gpu_hours  NUMERIC(14, 4) NOT NULL DEFAULT 0,
    running_jobs        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scope_kind, scope_id, period)
);

-- What one admitted call reserved, until it is settled (the job ended: actual use) or released (the call failed).
CREATE TABLE quota_reservations (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL,
    project_id      TEXT NOT NULL,
    api_key_id      TEXT,
    execution_id    TEXT NOT NULL,
    tool            TEXT NOT NULL,
    gpu_type        TEXT,
    gpus            INTEGER NOT NULL,
    gpu_hours       NUMERIC(14, 4) NOT NULL,
    month           TEXT NOT NULL,
    day             TEXT NOT NULL,
    job_id          TEXT,
    state           TEXT NOT NULL CHECK (state IN ('held', 'bound', 'settled', 'released')),
    used_gpu_hours  NUMERIC(14, 4),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    settled_at      TIMESTAMPTZ
);
CREATE INDEX quota_reservations_live ON quota_reservations (org_id, state) WHERE state IN ('held', 'bound');
CREATE INDEX quota_reservations_job ON quota_reservations (job_id) WHERE job_id IS NOT NULL;
