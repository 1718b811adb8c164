-- The natural-language door: conversations with a pending call, and the examples each tenant
-- taught the router by confirming or correcting an interpretation (stored with their embedding).

CREATE TABLE nl_conversations (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    -- the principal's subject (user + credential): a conversation is never shared
    subject     TEXT NOT NULL,
    state       JSONB NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX nl_conversations_expiry ON nl_conversations (expires_at);

CREATE TABLE nl_examples (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    project_id  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    tool        TEXT NOT NULL,
    language    TEXT NOT NULL CHECK (language IN ('en', 'zh')),
    text        TEXT NOT NULL,
    arguments   JSONB NOT NULL DEFAULT '{}',
    -- confirmed: the user confirmed the call as read; corrected: the user amended or completed it first
    origin      TEXT NOT NULL CHECK (origin IN ('confirmed', 'corrected')),
    embedding   REAL[] NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (org_id, project_id, language, text)
);
CREATE INDEX nl_examples_org ON nl_examples (org_id, project_id, created_at DESC);
