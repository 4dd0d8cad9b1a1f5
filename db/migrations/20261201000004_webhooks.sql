-- Signed webhooks (Standard Webhooks): merchants' endpoints with sealed secrets, one message
-- per journey event, one delivery per message and endpoint, and every attempt logged.

CREATE TABLE webhook_endpoints (
    id                      uuid PRIMARY KEY,
    merchant_id             uuid NOT NULL REFERENCES merchants (id),
    url                     text NOT NULL,
    description             text NOT NULL DEFAULT '',
    -- The event types delivered; empty means every type.
    event_types             text[] NOT NULL DEFAULT '{}',
    -- `whsec_...` sealed under the master key with the label `webhook/{id}`.
    sealed_secret           bytea NOT NULL,
    -- After a rotation the previous secret signs too, until `previous_secret_until`.
    sealed_previous_secret  bytea,
    previous_secret_until   timestamptz,
    disabled_at             timestamptz,
    -- `manual`: an admin; `gone`: the endpoint answered 410; `failing`: retries ran out.
    disabled_reason         text,
    created_at              timestamptz NOT NULL,
    created_by              uuid REFERENCES staff_users (id),
    CONSTRAINT webhook_endpoints_merchant_id_key UNIQUE (merchant_id, id),
    CONSTRAINT webhook_endpoints_url_format CHECK (url ~ '^https?://[^\s]+$' AND length(url) <= 2048),
    CONSTRAINT webhook_endpoints_description_length CHECK (length(description) <= 200),
    CONSTRAINT webhook_endpoints_event_types_known CHECK (event_types <@ ARRAY[
        'journey.created', 'journey.started', 'journey.step_changed', 'journey.submitted',
        'journey.completed', 'journey.rejected', 'journey.expired', 'document.reviewed'
    ]::text[]),
    CONSTRAINT webhook_endpoints_previous_complete CHECK ((sealed_previous_secret IS NULL) = (previous_secret_until IS NULL)),
    CONSTRAINT webhook_endpoints_disabled_complete CHECK ((disabled_at IS NULL) = (disabled_reason IS NULL)),
    CONSTRAINT webhook_endpoints_disabled_reason_known CHECK (disabled_reason IN ('manual', 'gone', 'failing'))
);
CREATE INDEX webhook_endpoints_merchant_idx ON webhook_endpoints (merchant_id, created_at);

-- One message per journey event that maps to a webhook event type, whatever the number of
-- endpoints: its id is the `webhook-id` of every delivery and retry, and its payload the
-- exact JSON sent.
CREATE TABLE webhook_messages (
    id          text PRIMARY KEY,
    merchant_id uuid NOT NULL REFERENCES merchants (id),
    event_id    bigint NOT NULL REFERENCES journey_events (id),
    event_type  text NOT NULL,
    payload     jsonb NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT webhook_messages_merchant_id_key UNIQUE (merchant_id, id),
    CONSTRAINT webhook_messages_event_id_key UNIQUE (event_id),
    CONSTRAINT webhook_messages_id_format CHECK (id ~ '^msg_[A-Za-z0-9]{16,40}$')
);

-- A message on its way to one endpoint. A manual replay is another delivery of the same
-- message.
CREATE TABLE webhook_deliveries (
    id              uuid PRIMARY KEY,
    merchant_id     uuid NOT NULL,
    message_id      text NOT NULL,
    endpoint_id     uuid NOT NULL,
    status          text NOT NULL DEFAULT 'pending',
    -- Recorded attempts (a send whose record was lost is not counted, and is sent again).
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_status     integer,
    created_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    replay_of       uuid REFERENCES webhook_deliveries (id) ON DELETE SET NULL,
    CONSTRAINT webhook_deliveries_merchant_id_key UNIQUE (merchant_id, id),
    CONSTRAINT webhook_deliveries_message_fkey FOREIGN KEY (merchant_id, message_id) REFERENCES webhook_messages (merchant_id, id),
    CONSTRAINT webhook_deliveries_endpoint_fkey FOREIGN KEY (merchant_id, endpoint_id) REFERENCES webhook_endpoints (merchant_id, id) ON DELETE CASCADE,
    CONSTRAINT webhook_deliveries_status_known CHECK (status IN ('pending', 'delivered', 'failed')),
    CONSTRAINT webhook_deliveries_finished_when CHECK ((status = 'pending') = (finished_at IS NULL)),
    CONSTRAINT webhook_deliveries_attempts_positive CHECK (attempts >= 0)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC);

-- The delivery log: one row per recorded attempt. No request body (the message has it) and
-- at most 1 kB of the response body.
CREATE TABLE webhook_attempts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    merchant_id     uuid NOT NULL,
    delivery_id     uuid NOT NULL,
    endpoint_id     uuid NOT NULL,
    message_id      text NOT NULL,
    attempt         integer NOT NULL,
    started_at      timestamptz NOT NULL,
    latency_ms      integer NOT NULL,
    response_status integer,
    -- Why an attempt failed without a usable status: `timeout`, `connect`, `refused_address`,
    -- `dns`, `request`; or `redirect` / `status` with the status.
    error_class     text,
    response_body   text,
    CONSTRAINT webhook_attempts_delivery_fkey FOREIGN KEY (merchant_id, delivery_id) REFERENCES webhook_deliveries (merchant_id, id) ON DELETE CASCADE,
    CONSTRAINT webhook_attempts_endpoint_fkey FOREIGN KEY (merchant_id, endpoint_id) REFERENCES webhook_endpoints (merchant_id, id) ON DELETE CASCADE,
    CONSTRAINT webhook_attempts_message_fkey FOREIGN KEY (merchant_id, message_id) REFERENCES webhook_messages (merchant_id, id),
    CONSTRAINT webhook_attempts_attempt_positive CHECK (attempt >= 1),
    CONSTRAINT webhook_attempts_latency_positive CHECK (latency_ms >= 0),
    CONSTRAINT webhook_attempts_error_class_known CHECK (error_class IN ('timeout', 'connect', 'refused_address', 'dns', 'request', 'redirect', 'status')),
    CONSTRAINT webhook_attempts_body_size CHECK (octet_length(response_body) <= 1024)
);
CREATE INDEX webhook_attempts_endpoint_idx ON webhook_attempts (endpoint_id, id DESC);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, id);

-- The fan-out's position in journey_events. Event ids are taken when a row is inserted but
-- become visible when its transaction commits, so ids of different journeys commit out of
-- order and "every id after N" would skip a late commit. The queue is filled by a trigger in
-- the writing transaction (the same pattern as event_dispatch) and emptied by the fan-out in
-- the transaction that writes the messages: each event is fanned out exactly once.
CREATE TABLE webhook_fanout_queue (
    event_id bigint PRIMARY KEY REFERENCES journey_events (id)
);

CREATE FUNCTION queue_webhook_fanout() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_fanout_queue (event_id) VALUES (NEW.id);
    RETURN NULL;
END
$$;
CREATE TRIGGER journey_events_webhook_fanout AFTER INSERT ON journey_events
    FOR EACH ROW EXECUTE FUNCTION queue_webhook_fanout();

-- The merchant's admins are told when an endpoint is disabled by the delivery worker.
ALTER TABLE outbox_emails
    DROP CONSTRAINT outbox_emails_kind_known,
    ADD CONSTRAINT outbox_emails_kind_known CHECK (kind IN ('submission_received', 'link_invitation', 'documents_sent_back', 'step_sent_back', 'journey_completed', 'journey_rejected', 'ticket_reply', 'webhook_endpoint_disabled'));
