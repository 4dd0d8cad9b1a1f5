-- The customer's side of a journey: consent, encrypted stored objects (documents, selfie,
-- signature), submission, and the email outbox. Forward-only.

ALTER TABLE journeys
    ADD COLUMN consented_at    timestamptz,
    ADD COLUMN consent_version text,
    ADD CONSTRAINT journeys_consent_complete CHECK ((consented_at IS NULL) = (consent_version IS NULL));

ALTER TABLE journey_events
    DROP CONSTRAINT journey_events_subject_known,
    ADD CONSTRAINT journey_events_subject_known CHECK (subject IN ('journey', 'step', 'document', 'consent', 'submission'));

-- Every object put into storage, written (state 'staged') before the bytes are stored, so
-- that a crash between storing and recording leaves a row the sweeper finds; 'attached'
-- once a document file or capture points at it; 'discarded' when it is to be deleted.
CREATE TABLE stored_objects (
    id           uuid PRIMARY KEY,
    merchant_id  uuid NOT NULL,
    journey_id   uuid NOT NULL,
    object_key   text NOT NULL,
    content_type text NOT NULL,
    byte_size    bigint NOT NULL,
    sha256       bytea NOT NULL,
    state        text NOT NULL,
    created_at   timestamptz NOT NULL,
    attached_at  timestamptz,
    discarded_at timestamptz,
    CONSTRAINT stored_objects_journey_same_merchant FOREIGN KEY (merchant_id, journey_id) REFERENCES journeys (merchant_id, id),
    CONSTRAINT stored_objects_object_key_key UNIQUE (object_key),
    CONSTRAINT stored_objects_state_known CHECK (state IN ('staged', 'attached', 'discarded')),
    CONSTRAINT stored_objects_type_known CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    CONSTRAINT stored_objects_size_positive CHECK (byte_size > 0),
    CONSTRAINT stored_objects_sha256_size CHECK (octet_length(sha256) = 32),
    CONSTRAINT stored_objects_attached_when CHECK ((state = 'attached') = (attached_at IS NOT NULL AND discarded_at IS NULL))
);
CREATE INDEX stored_objects_sweep_idx ON stored_objects (created_at) WHERE state <> 'attached';

-- A document's files now point at stored objects; drafts are documents not yet submitted.
ALTER TABLE document_files
    DROP COLUMN object_key,
    DROP COLUMN content_type,
    DROP COLUMN byte_size,
    ADD COLUMN object_id uuid NOT NULL REFERENCES stored_objects (id),
    ADD CONSTRAINT document_files_object_key UNIQUE (object_id);

ALTER TABLE documents
    ADD COLUMN replaces uuid REFERENCES documents (id),
    ADD CONSTRAINT documents_category_format CHECK (category ~ '^[a-z][a-z0-9_]{0,39}$');
CREATE INDEX documents_draft_idx ON documents (journey_id) WHERE submitted_at IS NULL;

-- The selfie and the signature: one current capture per step; a retake replaces it.
CREATE TABLE journey_captures (
    journey_id   uuid NOT NULL,
    merchant_id  uuid NOT NULL,
    step_kind    text NOT NULL,
    object_id    uuid NOT NULL REFERENCES stored_objects (id),
    source       text NOT NULL,
    captured_at  timestamptz NOT NULL,
    submitted_at timestamptz,
    PRIMARY KEY (journey_id, step_kind),
    CONSTRAINT journey_captures_journey_same_merchant FOREIGN KEY (merchant_id, journey_id) REFERENCES journeys (merchant_id, id),
    CONSTRAINT journey_captures_object_key UNIQUE (object_id),
    CONSTRAINT journey_captures_step_known CHECK (step_kind IN ('selfie', 'signature')),
    CONSTRAINT journey_captures_source_known CHECK (source IN ('camera', 'file', 'drawn'))
);

-- Emails, written in the transaction of the change that causes them and delivered by a
-- worker; the id is the message's stable identity across retries.
CREATE TABLE outbox_emails (
    id              uuid PRIMARY KEY,
    merchant_id     uuid NOT NULL REFERENCES merchants (id),
    journey_id      uuid,
    kind            text NOT NULL,
    recipient       text NOT NULL,
    subject         text NOT NULL,
    text_body       text NOT NULL,
    html_body       text NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    sent_at         timestamptz,
    failed_at       timestamptz,
    last_error      text,
    CONSTRAINT outbox_emails_journey_same_merchant FOREIGN KEY (merchant_id, journey_id) REFERENCES journeys (merchant_id, id),
    CONSTRAINT outbox_emails_kind_known CHECK (kind IN ('submission_received')),
    CONSTRAINT outbox_emails_attempts_positive CHECK (attempts >= 0),
    CONSTRAINT outbox_emails_done_once CHECK (sent_at IS NULL OR failed_at IS NULL)
);
CREATE INDEX outbox_emails_due_idx ON outbox_emails (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
