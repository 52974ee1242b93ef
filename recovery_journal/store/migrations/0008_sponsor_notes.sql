-- Schema 8: what a sponsor wrote back in a progress report, each note kept with the item it is
-- about (issue 23). about: the item's string form (domain/sponsor_notes.py: "step:4",
-- "answer:4:s4.q03", "row:resentments:<uid>", "reviews"...). The uid is made from the journal's
-- identifier, the report's, the item and the words, so a reply imported twice adds nothing.
-- The journal's identifier itself (settings key journal.id, which a report carries so that a
-- reply is known to be this journal's) is given to every vault by this schema's data step.
CREATE TABLE sponsor_notes (
    uid            TEXT PRIMARY KEY,
    about          TEXT NOT NULL,
    sponsor        TEXT NOT NULL DEFAULT '',
    written_on     TEXT NOT NULL
                   CHECK (written_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    text           TEXT NOT NULL,
    received_on    TEXT NOT NULL
                   CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    report_made_on TEXT
                   CHECK (report_made_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    answer         TEXT NOT NULL DEFAULT '',
    position       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX sponsor_notes_by_about ON sponsor_notes (about);
CREATE INDEX sponsor_notes_by_day ON sponsor_notes (written_on);
