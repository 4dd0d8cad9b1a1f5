-- Online checks the customer runs from a step: the bank penny drop and DigiLocker Aadhaar.
-- Account and Aadhaar numbers are never stored whole: only their last four digits.

ALTER TABLE merchants
    ADD COLUMN name_match_pass_from smallint NOT NULL DEFAULT 85,
    ADD COLUMN name_match_fail_to smallint NOT NULL DEFAULT 33,
    ADD CONSTRAINT merchants_name_match_bands_check CHECK (
        name_match_fail_to >= 0
        AND name_match_fail_to < name_match_pass_from
        AND name_match_pass_from <= 100
    );

ALTER TABLE journey_events
    DROP CONSTRAINT journey_events_subject_known,
    ADD CONSTRAINT journey_events_subject_known CHECK (subject IN ('journey', 'step', 'document', 'consent', 'submission', 'link', 'bank_check', 'aadhaar_check'));

-- The signed e-Aadhaar XML is kept as evidence (served only as a download).
ALTER TABLE stored_objects
    DROP CONSTRAINT stored_objects_type_known,
    ADD CONSTRAINT stored_objects_type_known CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf', 'application/xml'));

CREATE TABLE online_checks (
    id                 uuid PRIMARY KEY,
    merchant_id        uuid NOT NULL REFERENCES merchants (id),
    journey_id         uuid NOT NULL,
    step_kind          text NOT NULL CONSTRAINT online_checks_step_kind_check CHECK (step_kind IN ('bank_account', 'digilocker_aadhaar')),
    -- The step's try this check belongs to (several checks may share one when the
    -- provider was unavailable).
    attempt            integer NOT NULL CHECK (attempt >= 1),
    status             text NOT NULL CONSTRAINT online_checks_status_check CHECK (status IN ('waiting', 'passed', 'to_review', 'failed', 'unavailable')),
    -- The outcome's or the provider's code: bank_name_review, ACCOUNT_BLOCKED, access_denied...
    code               text,
    -- What was checked, as staff read it: `Account XXXX1191, IFSC HDFC0001234`.
    subject            text NOT NULL,
    -- Name comparisons: [{label, comparison: {entered, other, score, band}}].
    names              jsonb NOT NULL DEFAULT '[]',
    dob_matches        boolean,
    provider           text NOT NULL,
    provider_reference text,
    -- What the customer typed: the account holder's name (bank) or their name as on
    -- Aadhaar, and their birth date (DigiLocker); the account only as its last four digits.
    holder_name        text,
    entered_dob        date,
    account_last4      text CHECK (account_last4 ~ '^[0-9]{4}$'),
    ifsc               text CHECK (ifsc ~ '^[A-Z]{4}0[A-Z0-9]{6}$'),
    name_at_bank       text,
    -- Polling a waiting check: how often so far and when next.
    polls              integer NOT NULL DEFAULT 0,
    next_poll_at       timestamptz,
    created_at         timestamptz NOT NULL,
    resolved_at        timestamptz,
    CONSTRAINT online_checks_journey_fkey FOREIGN KEY (merchant_id, journey_id) REFERENCES journeys (merchant_id, id),
    CONSTRAINT online_checks_resolved_check CHECK ((status = 'waiting') = (resolved_at IS NULL))
);
CREATE INDEX online_checks_journey_idx ON online_checks (journey_id, created_at);
-- One check in flight per step: a double click cannot start two penny drops.
CREATE UNIQUE INDEX online_checks_one_waiting_idx ON online_checks (journey_id, step_kind) WHERE status = 'waiting';
CREATE UNIQUE INDEX online_checks_reference_idx ON online_checks (provider, provider_reference);
CREATE INDEX online_checks_poll_idx ON online_checks (next_poll_at) WHERE status = 'waiting';

-- What a verified e-Aadhaar said. The photo and the signed XML itself are encrypted objects.
CREATE TABLE aadhaar_records (
    check_id                uuid PRIMARY KEY REFERENCES online_checks (id),
    merchant_id             uuid NOT NULL REFERENCES merchants (id),
    journey_id              uuid NOT NULL,
    name                    text NOT NULL,
    date_of_birth           date NOT NULL,
    gender                  text NOT NULL,
    address                 text NOT NULL,
    aadhaar_last4           text NOT NULL CHECK (aadhaar_last4 ~ '^[0-9]{4}$'),
    photo_object_id         uuid REFERENCES stored_objects (id),
    xml_object_id           uuid NOT NULL REFERENCES stored_objects (id),
    certificate_fingerprint text NOT NULL,
    verified_at             timestamptz NOT NULL,
    CONSTRAINT aadhaar_records_journey_fkey FOREIGN KEY (merchant_id, journey_id) REFERENCES journeys (merchant_id, id)
);
CREATE INDEX aadhaar_records_journey_idx ON aadhaar_records (journey_id);
