-- Schema 7: a step 8 entry carries my part of the worksheet row it came from.
-- my_part: the "how I acted" ticks, option keys joined by commas like the worksheets' ticks.
-- their_part: what the other person did, for entries made before this schema, which carried a
-- resentment's cause as the harm; the data step in store/migrations.py moves those words here.
ALTER TABLE amends ADD COLUMN my_part TEXT NOT NULL DEFAULT '';
ALTER TABLE amends ADD COLUMN their_part TEXT NOT NULL DEFAULT '';
-- The words of the step 8 list change: index everything again at open.
DELETE FROM search_state;
