-- Test plans (API checks against a service) and their executions (tests toolset).

CREATE TABLE test_plans (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL,
    project_id   TEXT NOT NULL,
    owner_id     TEXT NOT NULL,
    name         TEXT NOT NULL,
    description  TEXT,
    type         TEXT NOT NULL,
    base_url     TEXT NOT NULL,
    -- the cases as test_plan_create took them (TestCase records)
    cases        JSONB NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (org_id, project_id, name)
);
CREATE INDEX test_plans_org_project_created ON test_plans (org_id, project_id, created_at DESC, id DESC);

CREATE TABLE test_executions (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL,
    project_id    TEXT NOT NULL,
    plan_id       TEXT NOT NULL REFERENCES test_plans(id) ON DELETE CASCADE,
    triggered_by  TEXT NOT NULL,
    base_url      TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('running', 'passed', 'failed', 'cancelled')),
    total         INTEGER NOT NULL DEFAULT 0,
    passed        INTEGER NOT NULL DEFAULT 0,
    failed        INTEGER NOT NULL DEFAULT 0,
    skipped       INTEGER NOT NULL DEFAULT 0,
    duration_ms   BIGINT,
    -- one result per case, in plan order (CaseResult records)
    results       JSONB NOT NULL DEFAULT '[]',
    started_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at      TIMESTAMPTZ
);
CREATE INDEX test_executions_plan_started ON test_executions (plan_id, started_at DESC);
CREATE INDEX test_executions_org_project_started ON test_executions (org_id, project_id, started_at DESC, id DESC);
