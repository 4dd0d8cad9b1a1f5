-- The time zone a merchant's staff read times in on the dashboard (an IANA name, checked by
-- the settings use case). Indian merchants are the many: new ones start in India's.
ALTER TABLE merchants
    ADD COLUMN time_zone text NOT NULL DEFAULT 'Asia/Kolkata';
