-- Schema 3: the step 4 worksheets, the step 8 list and the step 9 amends.
-- Tick-box fields hold their chosen option keys joined by commas.
CREATE TABLE resentments (
    uid           TEXT PRIMARY KEY,
    who           TEXT NOT NULL DEFAULT '',
    cause         TEXT NOT NULL DEFAULT '',
    affects       TEXT NOT NULL DEFAULT '',
    my_part       TEXT NOT NULL DEFAULT '',
    my_part_notes TEXT NOT NULL DEFAULT '',
    private       INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    discussed     INTEGER NOT NULL DEFAULT 0 CHECK (discussed IN (0, 1)),
    position      INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE fears (
    uid           TEXT PRIMARY KEY,
    fear          TEXT NOT NULL DEFAULT '',
    why           TEXT NOT NULL DEFAULT '',
    first_felt    TEXT NOT NULL DEFAULT '',
    self_reliance TEXT NOT NULL DEFAULT '',
    instead       TEXT NOT NULL DEFAULT '',
    private       INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    discussed     INTEGER NOT NULL DEFAULT 0 CHECK (discussed IN (0, 1)),
    position      INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE sex_conduct (
    uid       TEXT PRIMARY KEY,
    whom      TEXT NOT NULL DEFAULT '',
    "where"   TEXT NOT NULL DEFAULT '',
    aroused   TEXT NOT NULL DEFAULT '',
    at_fault  TEXT NOT NULL DEFAULT '',
    instead   TEXT NOT NULL DEFAULT '',
    ideal     TEXT NOT NULL DEFAULT '',
    private   INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    discussed INTEGER NOT NULL DEFAULT 0 CHECK (discussed IN (0, 1)),
    position  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE harms (
    uid          TEXT PRIMARY KEY,
    to_whom      TEXT NOT NULL DEFAULT '',
    what_i_did   TEXT NOT NULL DEFAULT '',
    how_affected TEXT NOT NULL DEFAULT '',
    private      INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    discussed    INTEGER NOT NULL DEFAULT 0 CHECK (discussed IN (0, 1)),
    position     INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE amends (
    uid         TEXT PRIMARY KEY,
    person      TEXT NOT NULL DEFAULT '',
    harm        TEXT NOT NULL DEFAULT '',
    willingness TEXT NOT NULL DEFAULT 'later'
                CHECK (willingness IN ('now', 'later', 'maybe', 'not_yet')),
    kind        TEXT NOT NULL DEFAULT 'direct'
                CHECK (kind IN ('direct', 'indirect', 'living', 'not_advisable')),
    plan        TEXT NOT NULL DEFAULT '',
    planned_on  TEXT,
    status      TEXT NOT NULL DEFAULT 'planned'
                CHECK (status IN ('planned', 'made', 'declined', 'not_possible')),
    made_on     TEXT,
    how_it_went TEXT NOT NULL DEFAULT '',
    source_uid  TEXT NOT NULL DEFAULT '',
    private     INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    position    INTEGER NOT NULL DEFAULT 0
) STRICT;
