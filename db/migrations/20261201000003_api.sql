-- The merchant API: keys (stored only as a SHA-256 of the secret, shown once) and the
-- idempotency records of POST requests.

CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    merchant_id  uuid NOT NULL REFERENCES merchants (id),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- The first characters of the key (`kyc_AbCd1234`), to recognise it in lists.
    prefix       text NOT NULL,
    secret_hash  bytea NOT NULL CONSTRAINT api_keys_secret_hash_key UNIQUE CHECK (octet_length(secret_hash) = 32),
    scopes       text[] NOT NULL CHECK (cardinality(scopes) >= 1 AND scopes <@ ARRAY['read', 'write', 'reports']),
    -- Requests per minute this key may make.
    rate_limit   integer NOT NULL DEFAULT 600 CHECK (rate_limit BETWEEN 1 AND 100000),
    created_by   uuid NOT NULL REFERENCES staff_users (id),
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CONSTRAINT api_keys_merchant_id_key UNIQUE (merchant_id, id)
);
CREATE INDEX api_keys_merchant_idx ON api_keys (merchant_id, created_at DESC);

-- A POST with an Idempotency-Key: the first request's body hash and, once it finished,
-- its response, replayed for the same key and body.
CREATE TABLE api_idempotency (
    merchant_id     uuid NOT NULL REFERENCES merchants (id),
    key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash    bytea NOT NULL,
    response_status smallint,
    response_body   jsonb,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (merchant_id, key)
);
CREATE INDEX api_idempotency_created_idx ON api_idempotency (created_at);
