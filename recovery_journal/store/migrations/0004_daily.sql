-- Schema 4: the daily practice. Clean dates and their slips, the nightly review (its questions,
-- rating dimensions, answers and ratings), spot-checks, gratitude lines and meetings.
CREATE TABLE clean_dates (
    uid      TEXT PRIMARY KEY,
    name     TEXT NOT NULL DEFAULT '',
    since    TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE slips (
    uid           TEXT PRIMARY KEY,
    clean_uid     TEXT NOT NULL REFERENCES clean_dates(uid) ON DELETE CASCADE,
    "on"          TEXT NOT NULL,
    what_happened TEXT NOT NULL DEFAULT '',
    learned       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX slips_by_date ON slips(clean_uid, "on");

CREATE TABLE review_questions (
    uid      TEXT PRIMARY KEY,
    text     TEXT NOT NULL DEFAULT '',
    kind     TEXT NOT NULL DEFAULT 'yes_no' CHECK (kind IN ('yes_no', 'text')),
    builtin  TEXT NOT NULL DEFAULT '',
    hidden   INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    position INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE rating_dimensions (
    uid             TEXT PRIMARY KEY,
    name            TEXT NOT NULL DEFAULT '',
    lower_is_better INTEGER NOT NULL DEFAULT 0 CHECK (lower_is_better IN (0, 1)),
    builtin         TEXT NOT NULL DEFAULT '',
    hidden          INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    position        INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE reviews (
    day        TEXT PRIMARY KEY,
    updated_at TEXT NOT NULL
) STRICT;

-- Questions and dimensions are hidden, never deleted, so an answer never loses its question.
CREATE TABLE review_answers (
    day          TEXT NOT NULL REFERENCES reviews(day) ON DELETE CASCADE,
    question_uid TEXT NOT NULL REFERENCES review_questions(uid),
    answer       INTEGER CHECK (answer IN (0, 1)),
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (day, question_uid)
) STRICT, WITHOUT ROWID;

CREATE TABLE review_ratings (
    day           TEXT NOT NULL REFERENCES reviews(day) ON DELETE CASCADE,
    dimension_uid TEXT NOT NULL REFERENCES rating_dimensions(uid),
    value         INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10),
    PRIMARY KEY (day, dimension_uid)
) STRICT, WITHOUT ROWID;

CREATE TABLE spot_checks (
    uid        TEXT PRIMARY KEY,
    day        TEXT NOT NULL,
    at         TEXT NOT NULL DEFAULT '',
    disturbed  TEXT NOT NULL DEFAULT '',
    what_i_did TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX spot_checks_by_day ON spot_checks(day);

CREATE TABLE gratitude (
    uid      TEXT PRIMARY KEY,
    day      TEXT NOT NULL,
    text     TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX gratitude_by_day ON gratitude(day, position);

CREATE TABLE meetings (
    uid    TEXT PRIMARY KEY,
    day    TEXT NOT NULL,
    name   TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT 'in_person' CHECK (format IN ('in_person', 'online')),
    shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    notes  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX meetings_by_day ON meetings(day);

-- The shipped questions and dimensions; their wording comes from the app in the current language.
INSERT INTO review_questions (uid, kind, builtin, position) VALUES
    ('q.resentful', 'yes_no', 'resentful', 0),
    ('q.selfish', 'yes_no', 'selfish', 1),
    ('q.dishonest', 'yes_no', 'dishonest', 2),
    ('q.afraid', 'yes_no', 'afraid', 3),
    ('q.apology', 'yes_no', 'apology', 4),
    ('q.kept_secret', 'yes_no', 'kept_secret', 5),
    ('q.kind', 'yes_no', 'kind', 6),
    ('q.others', 'yes_no', 'others', 7),
    ('q.worry', 'yes_no', 'worry', 8),
    ('q.better', 'text', 'better', 9),
    ('q.grateful', 'text', 'grateful', 10),
    ('q.tomorrow', 'text', 'tomorrow', 11);

INSERT INTO rating_dimensions (uid, lower_is_better, builtin, position) VALUES
    ('d.mood', 0, 'mood', 0),
    ('d.craving', 1, 'craving', 1),
    ('d.serenity', 0, 'serenity', 2),
    ('d.honesty', 0, 'honesty', 3),
    ('d.gratitude', 0, 'gratitude', 4),
    ('d.connection', 0, 'connection', 5);
