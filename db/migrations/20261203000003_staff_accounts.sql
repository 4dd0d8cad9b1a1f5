-- Staff accounts as merchants run them: invitations, roles, disabling a member, password
-- resets and two-factor sign-in.

-- A member is disabled in one merchant (their membership), not everywhere: their sessions
-- there and the API keys they created there stop at once.
ALTER TABLE memberships ADD COLUMN disabled_at timestamptz;

ALTER TABLE staff_users
    -- Bumped when every session of the user must end (a password reset or change): a
    -- session remembers the epoch it was signed in under and is refused once it differs.
    ADD COLUMN session_epoch   integer NOT NULL DEFAULT 0,
    ADD COLUMN last_sign_in_at timestamptz,
    -- TOTP (RFC 6238): the secret sealed under the master key, set when enrolment starts and
    -- in force once confirmed with a code; the last time step accepted, so a code is used once.
    ADD COLUMN totp_secret     bytea,
    ADD COLUMN totp_enabled_at timestamptz,
    ADD COLUMN totp_last_step  bigint;

-- Ten single-use recovery codes per user with TOTP, kept as SHA-256 (they are random).
CREATE TABLE staff_recovery_codes (
    user_id   uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
    code_hash bytea NOT NULL,
    used_at   timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

-- An invitation to join a merchant's staff: a single-use link (only its hash is kept), for
-- 72 hours.
CREATE TABLE staff_invites (
    id          uuid PRIMARY KEY,
    merchant_id uuid NOT NULL REFERENCES merchants (id),
    email       text NOT NULL,
    role        text NOT NULL,
    token_hash  bytea NOT NULL,
    invited_by  uuid NOT NULL REFERENCES staff_users (id),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    accepted_by uuid REFERENCES staff_users (id),
    revoked_at  timestamptz,
    CONSTRAINT staff_invites_role_known CHECK (role IN ('admin', 'reviewer', 'operator')),
    CONSTRAINT staff_invites_token_key UNIQUE (token_hash),
    CONSTRAINT staff_invites_used_once CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
CREATE INDEX staff_invites_merchant_idx ON staff_invites (merchant_id, created_at DESC);

-- A password reset: a single-use link (only its hash is kept), for 30 minutes.
CREATE TABLE staff_password_resets (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    CONSTRAINT staff_password_resets_token_key UNIQUE (token_hash)
);
CREATE INDEX staff_password_resets_user_idx ON staff_password_resets (user_id);

-- Who must sign in with a second factor.
ALTER TABLE merchants
    ADD COLUMN two_factor_policy text NOT NULL DEFAULT 'none',
    ADD CONSTRAINT merchants_two_factor_policy_known CHECK (two_factor_policy IN ('none', 'admins', 'everyone'));

ALTER TABLE outbox_emails
    DROP CONSTRAINT outbox_emails_kind_known,
    ADD CONSTRAINT outbox_emails_kind_known CHECK (kind IN (
        'submission_received', 'link_invitation', 'documents_sent_back', 'step_sent_back', 'journey_completed',
        'journey_rejected', 'ticket_reply', 'webhook_endpoint_disabled', 'staff_invitation', 'password_reset'));
