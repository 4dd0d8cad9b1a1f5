-- Sanctions screening: per-merchant thresholds, the list snapshots screened against, and
-- every screening result with its explained hits and how a reviewer resolved it.

ALTER TABLE merchants
    ADD COLUMN screening_review_threshold real NOT NULL DEFAULT 0.84,
    ADD COLUMN screening_confirm_threshold real NOT NULL DEFAULT 0.97,
    ADD CONSTRAINT merchants_screening_thresholds_check CHECK (
        screening_review_threshold >= 0.5
        AND screening_review_threshold <= screening_confirm_threshold
        AND screening_confirm_threshold <= 1
    );

-- One row per list snapshot the server has loaded (the import's manifest says the same).
CREATE TABLE screening_lists (
    sha256          text PRIMARY KEY,
    source          text NOT NULL,
    version         text NOT NULL,
    entries         integer NOT NULL,
    people          integer NOT NULL,
    aliases         integer NOT NULL,
    first_loaded_at timestamptz NOT NULL DEFAULT now()
);

-- One row per list generation (the set of snapshots loaded together) whose re-screening of
-- completed journeys has finished; an instance that finds none runs it (again).
CREATE TABLE screening_generations (
    generation    text PRIMARY KEY,
    rescreened_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE screening_results (
    id                uuid PRIMARY KEY,
    merchant_id       uuid NOT NULL REFERENCES merchants (id),
    journey_id        uuid NOT NULL,
    -- `journey`: the journey's own screening step; `rescreen`: a completed journey's customer
    -- screened again after a list import.
    reason            text NOT NULL CONSTRAINT screening_results_reason_check CHECK (reason IN ('journey', 'rescreen')),
    -- SHA-256 over the snapshots screened against, in list order: one screening per generation.
    generation        text NOT NULL,
    lists             text[] NOT NULL,
    decision          text NOT NULL CONSTRAINT screening_results_decision_check CHECK (decision IN ('clear', 'possible_match', 'match')),
    best_score        real NOT NULL,
    review_threshold  real NOT NULL,
    confirm_threshold real NOT NULL,
    hits              jsonb NOT NULL,
    screened_at       timestamptz NOT NULL,
    resolution        text CONSTRAINT screening_results_resolution_check CHECK (resolution IN ('false_positive', 'true_match')),
    resolved_by       uuid REFERENCES staff_users (id),
    resolved_at       timestamptz,
    CONSTRAINT screening_results_merchant_id_key UNIQUE (merchant_id, id),
    CONSTRAINT screening_results_journey_fkey FOREIGN KEY (merchant_id, journey_id) REFERENCES journeys (merchant_id, id),
    CONSTRAINT screening_results_generation_key UNIQUE (journey_id, reason, generation),
    CONSTRAINT screening_results_resolved_check CHECK ((resolution IS NULL) = (resolved_at IS NULL))
);
CREATE INDEX screening_results_journey_idx ON screening_results (journey_id, screened_at);
CREATE INDEX screening_results_open_idx ON screening_results (merchant_id, screened_at)
    WHERE resolution IS NULL AND decision <> 'clear';
