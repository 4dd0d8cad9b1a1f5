-- The language the customer chose on the journey's pages (NULL: not chosen; their browser's
-- is used). Emails to the customer are written in it.
ALTER TABLE journeys
    ADD COLUMN language text,
    ADD CONSTRAINT journeys_language_known CHECK (language IN ('en', 'hi'));
