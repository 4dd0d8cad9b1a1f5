-- Attempts are recorded before the work they guard; one that succeeds where only failures
-- count (signing in) is withdrawn by its row ids.
ALTER TABLE throttle_hits ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;

-- A withdrawn journey issued again points at the journey that replaced it, once.
ALTER TABLE journeys ADD COLUMN reissued_as uuid REFERENCES journeys (id);
