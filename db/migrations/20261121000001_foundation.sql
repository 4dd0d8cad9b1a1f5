-- Foundation schema: tenants, staff, customers, journeys with their steps, documents and
-- append-only events, staff sessions and login throttling. Forward-only.

CREATE TABLE merchants (
    id                uuid PRIMARY KEY,
    slug              text NOT NULL,
    display_name      text NOT NULL,
    primary_colour    text NOT NULL DEFAULT '#1a56db',
    logo              bytea,
    logo_content_type text,
    support_email     text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT merchants_slug_key UNIQUE (slug),
    CONSTRAINT merchants_slug_format CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$'),
    CONSTRAINT merchants_display_name_length CHECK (char_length(display_name) BETWEEN 1 AND 100),
    CONSTRAINT merchants_primary_colour_format CHECK (primary_colour ~ '^#[0-9a-f]{6}$'),
    CONSTRAINT merchants_logo_size CHECK (octet_length(logo) <= 262144),
    CONSTRAINT merchants_logo_type CHECK (logo_content_type IN ('image/png', 'image/jpeg', 'image/svg+xml')),
    CONSTRAINT merchants_logo_complete CHECK ((logo IS NULL) = (logo_content_type IS NULL))
);

CREATE TABLE staff_users (
    id                uuid PRIMARY KEY,
    email             text NOT NULL,
    display_name      text NOT NULL,
    password_hash     text NOT NULL,
    is_platform_admin boolean NOT NULL DEFAULT false,
    disabled_at       timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_users_email_key ON staff_users (lower(email));

CREATE TABLE memberships (
    staff_user_id uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
    merchant_id   uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
    role          text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (staff_user_id, merchant_id),
    CONSTRAINT memberships_role_known CHECK (role IN ('admin', 'reviewer', 'operator'))
);
CREATE INDEX memberships_merchant_idx ON memberships (merchant_id);

CREATE TABLE customers (
    id           uuid PRIMARY KEY,
    merchant_id  uuid NOT NULL REFERENCES merchants (id),
    full_name    text NOT NULL,
    email        text NOT NULL,
    phone        text,
    external_ref text,
    created_by   uuid REFERENCES staff_users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customers_merchant_id_key UNIQUE (merchant_id, id),
    CONSTRAINT customers_external_ref_key UNIQUE (merchant_id, external_ref)
);
CREATE INDEX customers_merchant_created_idx ON customers (merchant_id, created_at DESC, id);

CREATE TABLE journeys (
    id           uuid PRIMARY KEY,
    merchant_id  uuid NOT NULL,
    customer_id  uuid NOT NULL,
    token_hash   bytea NOT NULL,
    state        text NOT NULL,
    end_reason   text,
    expires_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL,
    opened_at    timestamptz,
    submitted_at timestamptz,
    ended_at     timestamptz,
    version      integer NOT NULL DEFAULT 0,
    created_by   uuid REFERENCES staff_users (id),
    CONSTRAINT journeys_merchant_id_key UNIQUE (merchant_id, id),
    CONSTRAINT journeys_customer_same_merchant FOREIGN KEY (merchant_id, customer_id) REFERENCES customers (merchant_id, id),
    CONSTRAINT journeys_token_hash_key UNIQUE (token_hash),
    CONSTRAINT journeys_token_hash_size CHECK (octet_length(token_hash) = 32),
    CONSTRAINT journeys_state_known CHECK (state IN ('created', 'in_progress', 'completed', 'rejected', 'expired')),
    CONSTRAINT journeys_ended_iff_terminal CHECK ((state IN ('completed', 'rejected', 'expired')) = (ended_at IS NOT NULL)),
    CONSTRAINT journeys_opened_unless_created CHECK (state = 'created' OR state = 'expired' OR opened_at IS NOT NULL)
);
CREATE INDEX journeys_merchant_created_idx ON journeys (merchant_id, created_at DESC, id);
CREATE INDEX journeys_customer_idx ON journeys (customer_id, created_at DESC);
CREATE INDEX journeys_open_expiry_idx ON journeys (expires_at) WHERE state IN ('created', 'in_progress');

CREATE TABLE journey_steps (
    journey_id       uuid NOT NULL REFERENCES journeys (id),
    kind             text NOT NULL,
    position         smallint NOT NULL,
    state            text NOT NULL,
    action_by        text,
    reason_code      text,
    customer_message text,
    internal_note    text,
    attempts         integer NOT NULL DEFAULT 0,
    max_attempts     integer NOT NULL DEFAULT 3,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (journey_id, kind),
    CONSTRAINT journey_steps_position_key UNIQUE (journey_id, position),
    CONSTRAINT journey_steps_kind_known CHECK (kind IN ('documents', 'digilocker_aadhaar', 'bank_account', 'selfie', 'signature', 'sanction_screening')),
    CONSTRAINT journey_steps_state_known CHECK (state IN ('not_started', 'in_progress', 'completed', 'failed', 'requires_action')),
    CONSTRAINT journey_steps_action_iff_waiting CHECK ((state = 'requires_action') = (action_by IS NOT NULL)),
    CONSTRAINT journey_steps_action_by_known CHECK (action_by IN ('customer', 'reviewer')),
    CONSTRAINT journey_steps_attempts_bounded CHECK (attempts >= 0 AND max_attempts >= 1 AND attempts <= max_attempts)
);

-- Metadata only: the bytes live encrypted in object storage.
CREATE TABLE documents (
    id               uuid PRIMARY KEY,
    merchant_id      uuid NOT NULL,
    journey_id       uuid NOT NULL,
    category         text NOT NULL,
    doc_type         text NOT NULL,
    state            text NOT NULL DEFAULT 'pending',
    rejection_reason text,
    rejection_mode   text,
    review_comment   text,
    created_at       timestamptz NOT NULL,
    submitted_at     timestamptz,
    decided_at       timestamptz,
    decided_by       uuid REFERENCES staff_users (id),
    CONSTRAINT documents_journey_same_merchant FOREIGN KEY (merchant_id, journey_id) REFERENCES journeys (merchant_id, id),
    CONSTRAINT documents_type_known CHECK (doc_type IN ('passport', 'driving_licence', 'voter_id', 'pan', 'aadhaar', 'utility_bill', 'bank_statement', 'rental_agreement')),
    CONSTRAINT documents_state_known CHECK (state IN ('pending', 'approved', 'rejected')),
    CONSTRAINT documents_rejection_complete CHECK ((state = 'rejected') = (rejection_reason IS NOT NULL AND rejection_mode IS NOT NULL)),
    CONSTRAINT documents_rejection_mode_known CHECK (rejection_mode IN ('retry', 'final'))
);
CREATE INDEX documents_journey_idx ON documents (journey_id);

CREATE TABLE document_files (
    id           uuid PRIMARY KEY,
    document_id  uuid NOT NULL REFERENCES documents (id),
    side         text NOT NULL,
    object_key   text NOT NULL,
    content_type text NOT NULL,
    byte_size    bigint NOT NULL,
    created_at   timestamptz NOT NULL,
    CONSTRAINT document_files_object_key_key UNIQUE (object_key),
    CONSTRAINT document_files_side_key UNIQUE (document_id, side),
    CONSTRAINT document_files_side_known CHECK (side IN ('front', 'back', 'whole')),
    CONSTRAINT document_files_type_known CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    CONSTRAINT document_files_size_positive CHECK (byte_size > 0)
);

-- Append-only: every change of a journey, step or document, in the transaction that made it.
CREATE TABLE journey_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    merchant_id uuid NOT NULL,
    journey_id  uuid NOT NULL,
    subject     text NOT NULL,
    step_kind   text,
    document_id uuid REFERENCES documents (id),
    from_state  text,
    to_state    text NOT NULL,
    actor_kind  text NOT NULL,
    actor_id    uuid,
    reason      text,
    occurred_at timestamptz NOT NULL,
    CONSTRAINT journey_events_journey_same_merchant FOREIGN KEY (merchant_id, journey_id) REFERENCES journeys (merchant_id, id),
    CONSTRAINT journey_events_subject_known CHECK (subject IN ('journey', 'step', 'document')),
    CONSTRAINT journey_events_step_named CHECK ((subject = 'step') = (step_kind IS NOT NULL)),
    CONSTRAINT journey_events_document_named CHECK ((subject = 'document') = (document_id IS NOT NULL)),
    CONSTRAINT journey_events_actor_known CHECK (actor_kind IN ('customer', 'operator', 'reviewer', 'system', 'provider'))
);
CREATE INDEX journey_events_journey_idx ON journey_events (journey_id, id);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER journey_events_append_only BEFORE UPDATE OR DELETE ON journey_events
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER journey_events_no_truncate BEFORE TRUNCATE ON journey_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Staff and customer sessions, in the layout tower-sessions' Postgres store reads.
CREATE SCHEMA tower_sessions;
CREATE TABLE tower_sessions.session (
    id          text PRIMARY KEY NOT NULL,
    data        bytea NOT NULL,
    expiry_date timestamptz NOT NULL
);

-- Failed sign-ins and link openings, keyed by a hash (never the email or address itself).
CREATE TABLE throttle_hits (
    key_hash bytea NOT NULL,
    hit_at   timestamptz NOT NULL
);
CREATE INDEX throttle_hits_key_idx ON throttle_hits (key_hash, hit_at);
