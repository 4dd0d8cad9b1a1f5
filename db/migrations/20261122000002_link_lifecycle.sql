-- Link lifecycle: a resend (new token) is recorded on the timeline as a `link` event.
ALTER TABLE journey_events
    DROP CONSTRAINT journey_events_subject_known,
    ADD CONSTRAINT journey_events_subject_known CHECK (subject IN ('journey', 'step', 'document', 'consent', 'submission', 'link'));
