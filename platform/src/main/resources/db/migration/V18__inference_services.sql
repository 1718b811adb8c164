-- Inference services (deployments) and their replicas: each replica is one server process of the
-- service's runtime serving one model version on the stable or the canary track.

CREATE TABLE inference_services (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL,
    project_id      TEXT NOT NULL,
    owner_id        TEXT NOT NULL,
    name            TEXT NOT NULL,
    model_id        TEXT NOT NULL REFERENCES models(id),
    model_name      TEXT NOT NULL,
    -- the stable version (v3) and, while a canary runs, the canary version and its share of traffic
    model_version   TEXT NOT NULL,
    profile         TEXT,
    canary_version  TEXT,
    canary_profile  TEXT,
    canary_percent  INTEGER NOT NULL DEFAULT 0 CHECK (canary_percent BETWEEN 0 AND 100),
    runtime         TEXT NOT NULL,
    -- per replica
    gpu_type        TEXT,
    gpu_count       INTEGER NOT NULL DEFAULT 0,
    replicas        INTEGER NOT NULL,
    min_replicas    INTEGER NOT NULL,
    max_replicas    INTEGER NOT NULL,
    -- deploying -> ready -> stopped | failed (deploying -> failed | stopped)
    status          TEXT NOT NULL,
    status_message  TEXT,
    ready_at        TIMESTAMPTZ,
    ended_at        TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- a name is unique among the project's live services; a stopped service frees its name
CREATE UNIQUE INDEX inference_services_live_name ON inference_services (org_id, project_id, name)
    WHERE status IN ('deploying', 'ready');
CREATE INDEX inference_services_org_project_created ON inference_services (org_id, project_id, created_at DESC, id DESC);

CREATE TABLE inference_replicas (
    id              TEXT PRIMARY KEY,
    service_id      TEXT NOT NULL REFERENCES inference_services(id) ON DELETE CASCADE,
    ordinal         INTEGER NOT NULL,
    -- stable | canary
    track           TEXT NOT NULL,
    version         TEXT NOT NULL,
    artifact_uri    TEXT,
    profile         TEXT,
    -- starting -> ready -> stopped | failed; a crashed replica goes back to starting when restarted
    status          TEXT NOT NULL,
    status_message  TEXT,
    pid             BIGINT,
    pid_started_at  TIMESTAMPTZ,
    port            INTEGER,
    work_dir        TEXT,
    assigned_gpus   TEXT,
    restarts        INTEGER NOT NULL DEFAULT 0,
    started_at      TIMESTAMPTZ,
    ready_at        TIMESTAMPTZ,
    ended_at        TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (service_id, ordinal)
);
CREATE INDEX inference_replicas_live ON inference_replicas (service_id) WHERE status IN ('starting', 'ready');
