-- Review and case management: assignment, decision emails, and a tamper-evident audit trail.

-- Who is reviewing a case.
ALTER TABLE journeys
    ADD COLUMN assigned_to uuid REFERENCES staff_users (id),
    ADD COLUMN assigned_at timestamptz;

ALTER TABLE outbox_emails
    DROP CONSTRAINT outbox_emails_kind_known,
    ADD CONSTRAINT outbox_emails_kind_known CHECK (kind IN (
        'submission_received', 'link_invitation', 'documents_sent_back', 'journey_completed', 'journey_rejected'));

-- Sign-ins are audited with the actor kind `staff` (a person may hold several roles).
ALTER TABLE audit_log
    DROP CONSTRAINT audit_log_actor_known,
    ADD CONSTRAINT audit_log_actor_known CHECK (actor_kind IN ('customer', 'staff', 'operator', 'reviewer', 'admin', 'system', 'provider'));

-- The audit trail becomes hash-chained: entries about a journey form that journey's chain,
-- the others their merchant's chain. Each entry's hash covers its content and the previous
-- entry's hash, so changing, removing or inserting an entry breaks the chain from there on
-- (`kyc-server audit verify` recomputes every chain). The trigger computes the link under a
-- per-chain lock, so every writer chains, whatever code inserts.
ALTER TABLE audit_log
    ADD COLUMN journey_id uuid,
    ADD COLUMN chain      text,
    ADD COLUMN seq        bigint,
    ADD COLUMN prev_hash  bytea,
    ADD COLUMN hash       bytea,
    ADD CONSTRAINT audit_log_journey_same_merchant FOREIGN KEY (merchant_id, journey_id) REFERENCES journeys (merchant_id, id);

-- The bytes an entry's hash covers: every column but the id and the hash itself, in a
-- fixed order and format.
CREATE FUNCTION audit_entry_digest(e audit_log) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT sha256(
        coalesce(e.prev_hash, '\x'::bytea) ||
        convert_to(concat_ws(E'\x1f',
            e.chain, e.seq::text, e.merchant_id::text, coalesce(e.journey_id::text, ''),
            e.actor_kind, coalesce(e.actor_id::text, ''), e.action, e.object_kind,
            coalesce(e.object_id::text, ''), e.detail::text, coalesce(e.request_id, ''),
            to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
        ), 'UTF8'))
$$;

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous audit_log;
BEGIN
    NEW.chain := CASE WHEN NEW.journey_id IS NOT NULL THEN 'journey:' || NEW.journey_id
                      ELSE 'merchant:' || NEW.merchant_id END;
    -- The foreign key's lock on the journey first, then the chain's: always in this order.
    IF NEW.journey_id IS NOT NULL THEN
        PERFORM 1 FROM journeys WHERE id = NEW.journey_id FOR KEY SHARE;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtextextended(NEW.chain, 0));
    SELECT * INTO previous FROM audit_log WHERE chain = NEW.chain ORDER BY seq DESC LIMIT 1;
    NEW.seq := coalesce(previous.seq, 0) + 1;
    NEW.prev_hash := previous.hash;
    NEW.hash := audit_entry_digest(NEW);
    RETURN NEW;
END
$$;

-- Entries written before chaining (report downloads, branding changes) join their
-- merchant's chain in id order.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
DO $$
DECLARE
    entry audit_log;
    previous audit_log;
BEGIN
    FOR entry IN SELECT * FROM audit_log ORDER BY id LOOP
        entry.chain := 'merchant:' || entry.merchant_id;
        SELECT * INTO previous FROM audit_log WHERE chain = entry.chain ORDER BY seq DESC LIMIT 1;
        entry.seq := coalesce(previous.seq, 0) + 1;
        entry.prev_hash := previous.hash;
        entry.hash := audit_entry_digest(entry);
        UPDATE audit_log SET chain = entry.chain, seq = entry.seq, prev_hash = entry.prev_hash, hash = entry.hash
            WHERE id = entry.id;
    END LOOP;
END
$$;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;

ALTER TABLE audit_log
    ALTER COLUMN chain SET NOT NULL,
    ALTER COLUMN seq SET NOT NULL,
    ALTER COLUMN hash SET NOT NULL,
    ADD CONSTRAINT audit_log_chain_seq_key UNIQUE (chain, seq);
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
CREATE INDEX audit_log_journey_idx ON audit_log (journey_id, id) WHERE journey_id IS NOT NULL;
CREATE INDEX audit_log_action_idx ON audit_log (merchant_id, action, occurred_at DESC);

-- Reviewers' comments on a document or a step: internal ones stay in the dashboard,
-- customer-visible ones appear on the customer's status page.
CREATE TABLE comments (
    id          uuid PRIMARY KEY,
    merchant_id uuid NOT NULL,
    journey_id  uuid NOT NULL,
    document_id uuid REFERENCES documents (id),
    step_kind   text,
    author_id   uuid NOT NULL REFERENCES staff_users (id),
    visibility  text NOT NULL,
    body        text NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT comments_journey_same_merchant FOREIGN KEY (merchant_id, journey_id) REFERENCES journeys (merchant_id, id),
    CONSTRAINT comments_one_target CHECK ((document_id IS NULL) <> (step_kind IS NULL)),
    CONSTRAINT comments_visibility_known CHECK (visibility IN ('internal', 'customer')),
    CONSTRAINT comments_body_length CHECK (char_length(body) BETWEEN 1 AND 2000)
);
CREATE INDEX comments_journey_idx ON comments (journey_id, created_at);

-- Support tickets: raised by the customer from their journey, answered by the merchant's
-- reviewers; messages may carry one attachment through the upload pipeline.
CREATE TABLE tickets (
    id          uuid PRIMARY KEY,
    merchant_id uuid NOT NULL,
    journey_id  uuid NOT NULL,
    subject     text NOT NULL,
    state       text NOT NULL DEFAULT 'open',
    created_at  timestamptz NOT NULL,
    closed_at   timestamptz,
    closed_by   uuid REFERENCES staff_users (id),
    CONSTRAINT tickets_merchant_id_key UNIQUE (merchant_id, id),
    CONSTRAINT tickets_journey_same_merchant FOREIGN KEY (merchant_id, journey_id) REFERENCES journeys (merchant_id, id),
    CONSTRAINT tickets_state_known CHECK (state IN ('open', 'closed')),
    CONSTRAINT tickets_closed_iff_state CHECK ((state = 'closed') = (closed_at IS NOT NULL)),
    CONSTRAINT tickets_subject_length CHECK (char_length(subject) BETWEEN 1 AND 150)
);
CREATE INDEX tickets_merchant_idx ON tickets (merchant_id, state, created_at);
CREATE INDEX tickets_journey_idx ON tickets (journey_id);

CREATE TABLE ticket_messages (
    id            uuid PRIMARY KEY,
    merchant_id   uuid NOT NULL,
    ticket_id     uuid NOT NULL,
    author_id     uuid REFERENCES staff_users (id),
    body          text NOT NULL,
    attachment_id uuid REFERENCES stored_objects (id),
    created_at    timestamptz NOT NULL,
    CONSTRAINT ticket_messages_ticket_same_merchant FOREIGN KEY (merchant_id, ticket_id) REFERENCES tickets (merchant_id, id),
    CONSTRAINT ticket_messages_body_length CHECK (char_length(body) <= 4000),
    CONSTRAINT ticket_messages_not_empty CHECK (char_length(body) > 0 OR attachment_id IS NOT NULL)
);
CREATE INDEX ticket_messages_ticket_idx ON ticket_messages (ticket_id, created_at);

ALTER TABLE outbox_emails
    DROP CONSTRAINT outbox_emails_kind_known,
    ADD CONSTRAINT outbox_emails_kind_known CHECK (kind IN (
        'submission_received', 'link_invitation', 'documents_sent_back', 'step_sent_back', 'journey_completed', 'journey_rejected', 'ticket_reply'));
