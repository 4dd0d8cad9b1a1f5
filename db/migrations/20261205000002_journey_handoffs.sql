-- Continuing a journey on another device (a computer's page shows a QR code for the phone):
-- a short-lived, single-use token, of which only the SHA-256 is kept, bound to the link
-- the journey had when it was made (a resend or a withdrawal makes it worthless). A
-- journey has at most one: making a new one deletes the old.
CREATE TABLE journey_handoffs (
    token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    journey_id uuid NOT NULL UNIQUE REFERENCES journeys (id) ON DELETE CASCADE,
    link_token_hash bytea NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    CHECK (expires_at > created_at)
);
