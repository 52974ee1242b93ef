"""Write tests/fixtures/vaults/schema-N.rjvault for the current schema, once per released schema.

    python tools/make_fixture_vault.py

The fixture keeps the app's real key settings (256,000 iterations) and a little of every kind of
data the schema holds; tests/test_migrations.py upgrades every fixture to the newest schema. Never
regenerate an old fixture: it stands for vaults people already have.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recovery_journal.domain.clean_time import CleanDate, Slip  # noqa: E402
from recovery_journal.domain.daily import (  # noqa: E402
    GratitudeEntry,
    Meeting,
    NightlyReview,
    Rating,
    ReviewAnswer,
    SpotCheck,
)
from recovery_journal.domain.inventory import Amend, Resentment  # noqa: E402
from recovery_journal.domain.journal import JournalEntry, Mood  # noqa: E402
from recovery_journal.domain.notes import DailyNote  # noqa: E402
from recovery_journal.domain.settings_keys import JOURNAL_ID  # noqa: E402
from recovery_journal.domain.sponsor_notes import About, note_from_reply  # noqa: E402
from recovery_journal.domain.step_tools import Defect, PracticeEntry, PracticeKind  # noqa: E402
from recovery_journal.domain.steps import Answer, StepProgress, StepStatus  # noqa: E402
from recovery_journal.domain.sync_merge import Dot, Version  # noqa: E402
from recovery_journal.store import create_vault  # noqa: E402
from recovery_journal.store.migrations import latest_version  # noqa: E402

FIXTURE_PASSPHRASE = "fixture passphrase"
FIXTURES = ROOT / "tests" / "fixtures" / "vaults"
FIXTURE_JOURNAL_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"  # schema 8 on; tests/test_migrations.py


def main() -> int:
    version = latest_version()
    target = FIXTURES / f"schema-{version}.rjvault"
    if target.exists():
        print(f"{target} already exists; old fixtures are never regenerated")
        return 1
    vault = create_vault(target, FIXTURE_PASSPHRASE)
    moment = datetime(2026, 11, 1, 21, 30, tzinfo=UTC)
    with vault.transaction():
        vault.settings.set("display_name", "Фикстура")
        vault.notes.save(DailyNote(date(2026, 10, 31), "First note, in English.", moment, moment))
        vault.notes.save(
            DailyNote(date(2026, 11, 1), "Вторая заметка — по-русски.", moment, moment)
        )
        if version >= 2:
            vault.steps.save_answer(Answer("s1.q01", 1, "Ответ на первый вопрос.", moment))
            vault.steps.save_progress(
                StepProgress(1, StepStatus.WORKING, date(2026, 10, 30), updated_at=moment)
            )
            vault.records.save(Defect("fixture-defect", "Impatience", "Patience"))
            vault.records.save(
                PracticeEntry("fixture-practice", date(2026, 11, 1), 15, PracticeKind.MEDITATION)
            )
        if version >= 3:
            vault.records.save(
                Resentment("fixture-r", "Арендодатель", "Поднял плату", frozenset({"security"}))
            )
            vault.records.save(Amend("fixture-a", "Арендодатель", source_uid="fixture-r"))
        if version >= 4:
            vault.records.save(CleanDate("fixture-c", "Алкоголь", date(2025, 2, 28)))
            vault.records.save(Slip("fixture-slip", "fixture-c", date(2025, 6, 1), "Свадьба"))
            vault.reviews.save(
                NightlyReview(
                    date(2026, 11, 1),
                    (ReviewAnswer("q.resentful", True, "На соседа"),),
                    (Rating("d.mood", 6), Rating("d.craving", 2)),
                    moment,
                )
            )
            vault.records.save(GratitudeEntry("fixture-g", date(2026, 11, 1), "Тёплый день"))
            vault.records.save(Meeting("fixture-m", date(2026, 11, 1), "Вторник", shared=True))
            vault.records.save(SpotCheck("fixture-s", date(2026, 11, 1), "12:15", "Тяга", "Звонок"))
            vault.settings.set("day_boundary", "03:00")
        if version >= 5:
            vault.steps.save_answer(Answer("s4.q01", 4, "Только для меня.", moment, private=True))
        if version >= 6:
            vault.journal.save(
                JournalEntry(
                    "fixture-j",
                    date(2026, 11, 1),
                    moment,
                    moment,
                    "Собрание",
                    "Услышал **важное** про обиды.\n\n- первое\n- второе\n",
                    frozenset({"собрание", "spring"}),
                    Mood.GOOD,
                )
            )
        if version >= 7:
            vault.records.save(
                Amend(
                    "fixture-a7",
                    "Сестра",
                    "Не вернул долг.",
                    source_uid="fixture-h",
                    position=1,
                    my_part=frozenset({"selfish", "dishonest"}),
                    their_part="Напомнила при всех.",
                )
            )
        if version >= 8:
            vault.settings.set(JOURNAL_ID.name, FIXTURE_JOURNAL_ID)
            vault.records.save(
                note_from_reply(
                    FIXTURE_JOURNAL_ID,
                    "fixture-report",
                    About.answer(1, "s1.q01"),
                    "Хороший ответ. Обсудим в воскресенье?",
                    sponsor="Сэм",
                    written_on=date(2026, 11, 3),
                    received_on=date(2026, 11, 4),
                    report_made_on=date(2026, 11, 2),
                )
            )
        if version >= 9:
            # A version from another computer, as an exchange keeps it (services/sync.py).
            vault.sync.replace(
                [("daily_notes", "2026-11-01")],
                [
                    Version(
                        ("daily_notes", "2026-11-01"),
                        Dot("fixture-computer", 1),
                        (),
                        "2026-11-01T20:00:00+00:00",
                        '{"day":"2026-11-01","text":"Вторая заметка — по-русски."}',
                    )
                ],
            )
    vault.close()
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
