-- Releases roll a model version out to an inference service stage by stage; every transition is a
-- release_events row written in the same transaction as the status change.

CREATE TABLE releases (
    id                TEXT PRIMARY KEY,
    org_id            TEXT NOT NULL,
    project_id        TEXT NOT NULL,
    created_by        TEXT NOT NULL,
    name              TEXT NOT NULL,
    description       TEXT,
    model_id          TEXT NOT NULL REFERENCES models(id),
    model_name        TEXT NOT NULL,
    model_version     TEXT NOT NULL,
    profile           TEXT,
    service_id        TEXT NOT NULL REFERENCES inference_services(id),
    -- the service's stable version when the release was created: what a rollback restores
    previous_version  TEXT NOT NULL,
    previous_profile  TEXT,
    strategy          TEXT NOT NULL,
    stages            INTEGER[] NOT NULL,
    -- index into stages of the traffic share reached; -1 before the first promotion
    current_stage     INTEGER NOT NULL DEFAULT -1,
    traffic_percent   INTEGER NOT NULL DEFAULT 0,
    -- draft -> pending_approval -> canary -> production | rolled_back
    status            TEXT NOT NULL,
    approved_by       TEXT,
    approved_at       TIMESTAMPTZ,
    approval_comment  TEXT,
    rolled_back_by    TEXT,
    rolled_back_at    TIMESTAMPTZ,
    rollback_reason   TEXT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX releases_org_project_created ON releases (org_id, project_id, created_at DESC, id DESC);
-- one open release per service at a time
CREATE UNIQUE INDEX releases_open_per_service ON releases (service_id)
    WHERE status IN ('draft', 'pending_approval', 'canary');

CREATE TABLE release_events (
    id               BIGSERIAL PRIMARY KEY,
    release_id       TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    action           TEXT NOT NULL,
    from_status      TEXT,
    to_status        TEXT NOT NULL,
    traffic_percent  INTEGER NOT NULL,
    actor            TEXT NOT NULL,
    comment          TEXT,
    at               TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX release_events_release ON release_events (release_id, id);
