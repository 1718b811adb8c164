-- Approvals: a call that a policy holds for another person's decision. The row keeps the exact call
-- (tool, arguments and their hash, requester, door) so that an approval runs that call and no other,
-- exactly once: the decision is a conditional UPDATE from 'pending', the run a conditional UPDATE of
-- executed_at.
CREATE TABLE approvals (
    id                 TEXT PRIMARY KEY,
    org_id             TEXT NOT NULL,
    project_id         TEXT,
    tool               TEXT NOT NULL,
    -- needed to run the call as asked; shown to people redacted
    arguments          JSONB NOT NULL,
    arguments_hash     TEXT NOT NULL,
    rule               TEXT NOT NULL,
    reason             TEXT,
    policy_version     TEXT NOT NULL,
    requester_id       TEXT NOT NULL,
    requester_name     TEXT,
    requester_subject  TEXT NOT NULL,
    requester_key_id   TEXT,
    door               TEXT NOT NULL,
    idempotency_key    TEXT,
    callback_url       TEXT,
    trace_id           TEXT,
    status             TEXT NOT NULL DEFAULT 'pending'
                           CHECK (status IN ('pending', 'approved', 'rejected', 'expired')),
    decided_by         TEXT,
    decided_by_name    TEXT,
    decided_at         TIMESTAMPTZ,
    comment            TEXT,
    execution_id       TEXT,
    executed_at        TIMESTAMPTZ,
    expires_at         TIMESTAMPTZ NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX approvals_org_created ON approvals (org_id, created_at DESC, id DESC);
CREATE INDEX approvals_pending_call ON approvals (requester_subject, tool, arguments_hash) WHERE status = 'pending';
