-- The audit trail becomes evidence that holds against whoever holds the database alone.
--
-- Each entry's hash is now an HMAC-SHA256 under a key derived from the server's master key,
-- computed by the application: the database never sees the key, so changing an entry and
-- recomputing the chain after it cannot produce hashes that verify. Entries written before
-- this migration keep their plain SHA-256 hashes (`keyed` false); the verifier accepts them
-- only before the first keyed entry of their chain.
--
-- The trigger keeps checking what needs no key: the chain an entry belongs to, its place in
-- it and its link to the previous entry (under the chain's lock), and that its time is the
-- transaction's own, never a caller's.
ALTER TABLE audit_log ADD COLUMN keyed boolean NOT NULL DEFAULT false;
ALTER TABLE audit_log ALTER COLUMN keyed SET DEFAULT true;

CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous audit_log;
BEGIN
    IF NEW.chain IS DISTINCT FROM (CASE WHEN NEW.journey_id IS NOT NULL THEN 'journey:' || NEW.journey_id
                                        ELSE 'merchant:' || NEW.merchant_id END) THEN
        RAISE EXCEPTION 'an audit entry must join the chain of its journey, or else of its merchant';
    END IF;
    IF NEW.occurred_at IS DISTINCT FROM now() THEN
        RAISE EXCEPTION 'an audit entry happens at its transaction''s time';
    END IF;
    IF NOT NEW.keyed OR NEW.hash IS NULL OR length(NEW.hash) <> 32 THEN
        RAISE EXCEPTION 'an audit entry must be sealed with the audit key';
    END IF;
    -- The foreign key's lock on the journey first, then the chain's: always in this order
    -- (the application takes both already; taking them again costs nothing).
    IF NEW.journey_id IS NOT NULL THEN
        PERFORM 1 FROM journeys WHERE id = NEW.journey_id FOR KEY SHARE;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtextextended(NEW.chain, 0));
    SELECT * INTO previous FROM audit_log WHERE chain = NEW.chain ORDER BY seq DESC LIMIT 1;
    IF NEW.seq IS DISTINCT FROM coalesce(previous.seq, 0) + 1
       OR NEW.prev_hash IS DISTINCT FROM previous.hash THEN
        RAISE EXCEPTION 'an audit entry must follow the last entry of its chain';
    END IF;
    RETURN NEW;
END
$$;

-- The unkeyed digest is the verifier's business now (it recomputes old entries itself).
DROP FUNCTION audit_entry_digest(audit_log);

-- Signed chain heads: every few minutes each chain's last entry is signed (Ed25519, under a
-- key derived from the master key) and kept here; `kyc-server audit heads` prints them for
-- keeping elsewhere. A chain that ends before a signed head, or whose entry at a signed
-- place has another hash, was truncated or rewritten.
CREATE TABLE audit_heads (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chain       text NOT NULL,
    seq         bigint NOT NULL,
    hash        bytea NOT NULL,
    signed_at   timestamptz NOT NULL,
    signature   bytea NOT NULL,
    CONSTRAINT audit_heads_signature_size CHECK (length(signature) = 64)
);
CREATE INDEX audit_heads_chain_idx ON audit_heads (chain, seq DESC);
CREATE TRIGGER audit_heads_append_only BEFORE UPDATE OR DELETE ON audit_heads
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
