-- Schema 9: one journal on several computers (issue 24, docs/sync-design.md). Each row is one
-- version of a record that no later write has superseded (domain/sync_merge.py): the record's
-- kind and identity, the write's dot (which computer, its how-manieth write), what its writer
-- had seen (JSON: a list of [computer, counter]), the writer's clock, and the words as the
-- export writes them (NULL: a deletion). The record tables keep holding what is shown; this table
-- is the history a merge needs, and stays empty until the journal is first exchanged.
CREATE TABLE sync_versions (
    kind       TEXT NOT NULL,
    identity   TEXT NOT NULL,
    computer   TEXT NOT NULL,
    counter    INTEGER NOT NULL CHECK (counter > 0),
    seen       TEXT NOT NULL,
    written_at TEXT NOT NULL,
    words      TEXT,
    PRIMARY KEY (computer, counter)
) STRICT;
CREATE INDEX sync_versions_by_record ON sync_versions (kind, identity);
