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

-- Whether anything was written since the last exchange, kept by the tables themselves: every
-- insert, update and delete in a table that holds the journal counts one up, and an exchange
-- notes the count it has seen. An exchange with nothing new here then need not read the whole
-- journal (a second on ten years). This computer's own sync settings do not count.
CREATE TABLE sync_state (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    changes   INTEGER NOT NULL DEFAULT 0,
    exchanged INTEGER NOT NULL DEFAULT -1
) STRICT;
INSERT INTO sync_state (id) VALUES (1);
CREATE TRIGGER sync_amends_insert AFTER INSERT ON amends BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_amends_update AFTER UPDATE ON amends BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_amends_delete AFTER DELETE ON amends BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_clean_dates_insert AFTER INSERT ON clean_dates BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_clean_dates_update AFTER UPDATE ON clean_dates BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_clean_dates_delete AFTER DELETE ON clean_dates BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_daily_notes_insert AFTER INSERT ON daily_notes BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_daily_notes_update AFTER UPDATE ON daily_notes BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_daily_notes_delete AFTER DELETE ON daily_notes BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_defect_focus_insert AFTER INSERT ON defect_focus BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_defect_focus_update AFTER UPDATE ON defect_focus BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_defect_focus_delete AFTER DELETE ON defect_focus BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_defects_insert AFTER INSERT ON defects BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_defects_update AFTER UPDATE ON defects BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_defects_delete AFTER DELETE ON defects BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_fears_insert AFTER INSERT ON fears BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_fears_update AFTER UPDATE ON fears BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_fears_delete AFTER DELETE ON fears BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_gratitude_insert AFTER INSERT ON gratitude BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_gratitude_update AFTER UPDATE ON gratitude BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_gratitude_delete AFTER DELETE ON gratitude BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_harms_insert AFTER INSERT ON harms BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_harms_update AFTER UPDATE ON harms BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_harms_delete AFTER DELETE ON harms BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_inventory_shares_insert AFTER INSERT ON inventory_shares BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_inventory_shares_update AFTER UPDATE ON inventory_shares BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_inventory_shares_delete AFTER DELETE ON inventory_shares BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_journal_entries_insert AFTER INSERT ON journal_entries BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_journal_entries_update AFTER UPDATE ON journal_entries BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_journal_entries_delete AFTER DELETE ON journal_entries BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_journal_tags_insert AFTER INSERT ON journal_tags BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_journal_tags_update AFTER UPDATE ON journal_tags BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_journal_tags_delete AFTER DELETE ON journal_tags BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_meetings_insert AFTER INSERT ON meetings BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_meetings_update AFTER UPDATE ON meetings BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_meetings_delete AFTER DELETE ON meetings BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_pack_questions_insert AFTER INSERT ON pack_questions BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_pack_questions_update AFTER UPDATE ON pack_questions BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_pack_questions_delete AFTER DELETE ON pack_questions BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_practice_log_insert AFTER INSERT ON practice_log BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_practice_log_update AFTER UPDATE ON practice_log BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_practice_log_delete AFTER DELETE ON practice_log BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_question_packs_insert AFTER INSERT ON question_packs BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_question_packs_update AFTER UPDATE ON question_packs BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_question_packs_delete AFTER DELETE ON question_packs BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_rating_dimensions_insert AFTER INSERT ON rating_dimensions BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_rating_dimensions_update AFTER UPDATE ON rating_dimensions BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_rating_dimensions_delete AFTER DELETE ON rating_dimensions BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_resentments_insert AFTER INSERT ON resentments BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_resentments_update AFTER UPDATE ON resentments BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_resentments_delete AFTER DELETE ON resentments BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_review_answers_insert AFTER INSERT ON review_answers BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_review_answers_update AFTER UPDATE ON review_answers BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_review_answers_delete AFTER DELETE ON review_answers BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_review_questions_insert AFTER INSERT ON review_questions BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_review_questions_update AFTER UPDATE ON review_questions BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_review_questions_delete AFTER DELETE ON review_questions BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_review_ratings_insert AFTER INSERT ON review_ratings BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_review_ratings_update AFTER UPDATE ON review_ratings BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_review_ratings_delete AFTER DELETE ON review_ratings BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_reviews_insert AFTER INSERT ON reviews BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_reviews_update AFTER UPDATE ON reviews BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_reviews_delete AFTER DELETE ON reviews BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_service_log_insert AFTER INSERT ON service_log BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_service_log_update AFTER UPDATE ON service_log BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_service_log_delete AFTER DELETE ON service_log BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_settings_insert AFTER INSERT ON settings WHEN NEW.key NOT LIKE 'sync.%' BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_settings_update AFTER UPDATE ON settings WHEN NEW.key NOT LIKE 'sync.%' BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_settings_delete AFTER DELETE ON settings WHEN OLD.key NOT LIKE 'sync.%' BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_sex_conduct_insert AFTER INSERT ON sex_conduct BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_sex_conduct_update AFTER UPDATE ON sex_conduct BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_sex_conduct_delete AFTER DELETE ON sex_conduct BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_slips_insert AFTER INSERT ON slips BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_slips_update AFTER UPDATE ON slips BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_slips_delete AFTER DELETE ON slips BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_sponsor_notes_insert AFTER INSERT ON sponsor_notes BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_sponsor_notes_update AFTER UPDATE ON sponsor_notes BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_sponsor_notes_delete AFTER DELETE ON sponsor_notes BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_spot_checks_insert AFTER INSERT ON spot_checks BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_spot_checks_update AFTER UPDATE ON spot_checks BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_spot_checks_delete AFTER DELETE ON spot_checks BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_step1_examples_insert AFTER INSERT ON step1_examples BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_step1_examples_update AFTER UPDATE ON step1_examples BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_step1_examples_delete AFTER DELETE ON step1_examples BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_step_answers_insert AFTER INSERT ON step_answers BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_step_answers_update AFTER UPDATE ON step_answers BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_step_answers_delete AFTER DELETE ON step_answers BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_step_progress_insert AFTER INSERT ON step_progress BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_step_progress_update AFTER UPDATE ON step_progress BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_step_progress_delete AFTER DELETE ON step_progress BEGIN UPDATE sync_state SET changes = changes + 1; END;
-- A choice between versions and a merged copy change only the versions: they count too, so the
-- next exchange sends them.
CREATE TRIGGER sync_versions_insert AFTER INSERT ON sync_versions BEGIN UPDATE sync_state SET changes = changes + 1; END;
CREATE TRIGGER sync_versions_delete AFTER DELETE ON sync_versions BEGIN UPDATE sync_state SET changes = changes + 1; END;
