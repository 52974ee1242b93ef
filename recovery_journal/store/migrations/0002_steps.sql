-- Schema 2: the person's work on the twelve steps and the tools used beside it.
CREATE TABLE step_progress (
    step                 INTEGER PRIMARY KEY CHECK (step BETWEEN 1 AND 12),
    status               TEXT NOT NULL DEFAULT 'not_started'
                         CHECK (status IN ('not_started', 'working', 'done')),
    started_on           TEXT,
    completed_on         TEXT,
    notes                TEXT NOT NULL DEFAULT '',
    sponsor_discussed_on TEXT,
    wording              TEXT,
    updated_at           TEXT NOT NULL
) STRICT;

-- Question ids: "s4.q03" for the questions we ship, "<pack id>/<question id>" for a pack's.
CREATE TABLE step_answers (
    question_id TEXT PRIMARY KEY,
    step        INTEGER NOT NULL CHECK (step BETWEEN 1 AND 12),
    text        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX step_answers_by_step ON step_answers (step, updated_at);

CREATE TABLE question_packs (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    author   TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE pack_questions (
    pack_id  TEXT NOT NULL REFERENCES question_packs (id) ON DELETE CASCADE,
    id       TEXT NOT NULL,
    step     INTEGER NOT NULL CHECK (step BETWEEN 1 AND 12),
    position INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (pack_id, id)
) STRICT;

CREATE TABLE step1_examples (
    uid      TEXT PRIMARY KEY,
    list     TEXT NOT NULL CHECK (list IN ('powerlessness', 'unmanageability')),
    text     TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE inventory_shares (
    uid         TEXT PRIMARY KEY,
    shared_with TEXT NOT NULL,
    shared_on   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE defects (
    uid      TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    opposite TEXT NOT NULL DEFAULT '',
    shows_up TEXT NOT NULL DEFAULT '',
    state    TEXT NOT NULL DEFAULT 'working' CHECK (state IN ('working', 'ready')),
    position INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The defect picked as the focus of a day (steps 6-7).
CREATE TABLE defect_focus (
    day        TEXT PRIMARY KEY,
    defect_uid TEXT NOT NULL REFERENCES defects (uid) ON DELETE CASCADE
) STRICT;

CREATE TABLE practice_log (
    uid     TEXT PRIMARY KEY,
    day     TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 1440),
    kind    TEXT NOT NULL CHECK (kind IN ('prayer', 'meditation', 'reading', 'other')),
    notes   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE service_log (
    uid   TEXT PRIMARY KEY,
    day   TEXT NOT NULL,
    kind  TEXT NOT NULL
          CHECK (kind IN ('sponsorship', 'meeting_service', 'carrying_message', 'other')),
    notes TEXT NOT NULL DEFAULT ''
) STRICT;
