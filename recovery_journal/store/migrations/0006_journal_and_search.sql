-- The free journal, and one full-text index over everything the person wrote.

CREATE TABLE journal_entries (
    uid        TEXT PRIMARY KEY,
    day        TEXT NOT NULL
               CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    title      TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',  -- Markdown: paragraphs, bold, italic, lists
    mood       TEXT CHECK (mood IN ('great', 'good', 'okay', 'low', 'hard')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX journal_by_day ON journal_entries (day, created_at);
-- "On this day": the same month and day in other years.
CREATE INDEX journal_by_month_day ON journal_entries (substr(day, 6), day);

CREATE TABLE journal_tags (
    entry_uid TEXT NOT NULL REFERENCES journal_entries (uid) ON DELETE CASCADE,
    tag       TEXT NOT NULL,
    PRIMARY KEY (entry_uid, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX journal_tags_by_tag ON journal_tags (tag);

-- What the search finds: one row per item, its words kept in the FTS table under the same rowid.
-- Both live inside the encrypted vault; the words are filled in by the application (stemming
-- needs Python), and rebuilt whenever search.index_version in settings is not the code's own.
CREATE TABLE search_items (
    id    INTEGER PRIMARY KEY,
    kind  TEXT NOT NULL,
    ref   TEXT NOT NULL,
    day   TEXT,
    title TEXT NOT NULL DEFAULT '',
    body  TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, ref)
) STRICT;

-- stems: each word reduced to its stem (Snowball, English or Russian by its letters);
-- words: each word as written, lower-cased, for prefix searches.
CREATE VIRTUAL TABLE search_words USING fts5(
    stems, words, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'
);

-- Which way of reducing words the index was built with; another means it is built again.
CREATE TABLE search_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    index_version INTEGER NOT NULL
) STRICT;
