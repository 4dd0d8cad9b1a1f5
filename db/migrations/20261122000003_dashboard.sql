-- Merchant dashboard: live tracker announcements, an accent colour, the audit table.

-- Events committed but not yet announced. The trigger fills it in the writing transaction;
-- the dispatcher empties it and NOTIFYs in its own transaction, so an announcement is only
-- ever sent for an event that is committed, and never from inside a write.
CREATE TABLE event_dispatch (
    event_id   bigint PRIMARY KEY REFERENCES journey_events (id),
    journey_id uuid NOT NULL
);

CREATE FUNCTION queue_event_dispatch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_dispatch (event_id, journey_id) VALUES (NEW.id, NEW.journey_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER journey_events_dispatch AFTER INSERT ON journey_events
    FOR EACH ROW EXECUTE FUNCTION queue_event_dispatch();

-- The accent colour (progress and focus marks in the journey), beside the primary colour.
ALTER TABLE merchants
    ADD COLUMN accent_colour text NOT NULL DEFAULT '#0e7490',
    ADD CONSTRAINT merchants_accent_colour_format CHECK (accent_colour ~ '^#[0-9a-f]{6}$');

-- Sensitive reads and settings changes: who did what to which object, when, under which
-- request. No personal data: ids, action names and ranges only. Append-only.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    merchant_id uuid NOT NULL REFERENCES merchants (id),
    actor_kind  text NOT NULL,
    actor_id    uuid REFERENCES staff_users (id),
    action      text NOT NULL,
    object_kind text NOT NULL,
    object_id   uuid,
    detail      jsonb NOT NULL DEFAULT '{}',
    request_id  text,
    occurred_at timestamptz NOT NULL,
    CONSTRAINT audit_log_actor_known CHECK (actor_kind IN ('customer', 'operator', 'reviewer', 'admin', 'system', 'provider'))
);
CREATE INDEX audit_log_merchant_idx ON audit_log (merchant_id, occurred_at DESC);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Link invitations: the link is stored only encrypted (under the master key, bound to the
-- email's id) beside a body that holds a marker, put in at sending time and wiped once the
-- email is sent or given up.
ALTER TABLE outbox_emails
    ADD COLUMN sealed_link bytea,
    DROP CONSTRAINT outbox_emails_kind_known,
    ADD CONSTRAINT outbox_emails_kind_known CHECK (kind IN ('submission_received', 'link_invitation'));
