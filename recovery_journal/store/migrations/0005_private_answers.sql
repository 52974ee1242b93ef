-- Schema 5: an answer to a step question can be marked private, so that it stays out of the
-- sponsor's report unless the person ticks it there.
ALTER TABLE step_answers ADD COLUMN private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1));
