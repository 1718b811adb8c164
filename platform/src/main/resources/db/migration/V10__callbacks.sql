-- Per-call callbacks (the Agent API's callback_url) and secret rotation.

-- A training job submitted with a callback_url reports its terminal event (job.succeeded|failed|
-- cancelled) to that URL as well as to the org's matching endpoints.
ALTER TABLE training_jobs ADD COLUMN callback_url TEXT;

-- Bare callback URLs have no endpoint of their own: their deliveries are signed with the org's
-- callback secret (created on first use, rotated with webhook_endpoint_rotate_secret "callbacks").
-- After a rotation both secrets sign until the old one expires, as for endpoints.
CREATE TABLE webhook_callback_secrets (
    org_id                      TEXT PRIMARY KEY,
    secret                      TEXT NOT NULL,
    previous_secret             TEXT,
    previous_secret_expires_at  TIMESTAMPTZ,
    created_at                  TIMESTAMPTZ NOT NULL DEFAULT now(),
    rotated_at                  TIMESTAMPTZ
);

