-- Webhooks (DESIGN.md "Webhooks"): endpoints an org registers, an outbox of events written in the
-- same transaction as the change that causes them, and one delivery row per event and target.

CREATE TABLE webhook_endpoints (
    id                          TEXT PRIMARY KEY,
    org_id                      TEXT NOT NULL,
    url                         TEXT NOT NULL,
    -- whsec_…: needed to sign, so stored; shown to the caller only once, at creation
    secret                      TEXT NOT NULL,
    -- after a rotation both secrets sign until the old one expires
    previous_secret             TEXT,
    previous_secret_expires_at  TIMESTAMPTZ,
    events                      TEXT[] NOT NULL DEFAULT '{*}',
    description                 TEXT,
    active                      BOOLEAN NOT NULL DEFAULT true,
    created_by                  TEXT,
    created_at                  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_org_created ON webhook_endpoints (org_id, created_at DESC, id DESC);

CREATE TABLE webhook_events (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    type        TEXT NOT NULL,
    payload     JSONB NOT NULL,
    -- the exact bytes sent and signed: the payload with its keys in their documented order (jsonb sorts them)
    body        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX webhook_events_org_created ON webhook_events (org_id, created_at DESC);

-- A delivery goes to a registered endpoint or to a bare callback URL (an async call's callback_url).
CREATE TABLE webhook_deliveries (
    id                TEXT PRIMARY KEY,
    org_id            TEXT NOT NULL,
    event_id          TEXT NOT NULL REFERENCES webhook_events(id) ON DELETE CASCADE,
    endpoint_id       TEXT REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    callback_url      TEXT,
    replay_of         TEXT,
    status            TEXT NOT NULL DEFAULT 'pending'
                          CHECK (status IN ('pending', 'delivering', 'delivered', 'dead')),
    attempts          INTEGER NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_status_code  INTEGER,
    last_error        TEXT,
    delivered_at      TIMESTAMPTZ,
    -- the lease of the worker delivering it; an expired lease puts the delivery back in play
    locked_until      TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (endpoint_id IS NOT NULL OR callback_url IS NOT NULL)
);
-- the worker's claim: due pending deliveries, and deliveries whose worker's lease ran out
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_leased ON webhook_deliveries (locked_until) WHERE status = 'delivering';
CREATE INDEX webhook_deliveries_org_created ON webhook_deliveries (org_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_endpoint_created ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);
