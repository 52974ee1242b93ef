"""An operation announces the changes its own result says it made (Anki's OpChanges): a page
does not restate them, and so cannot state them wrongly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from recovery_journal.domain.daily import Meeting, MeetingFormat
from recovery_journal.domain.inventory import Resentment
from recovery_journal.services.changes import Changed, Changes
from recovery_journal.services.review import add_apology_to_step8
from recovery_journal.services.step_tools import apply_changes
from recovery_journal.services.worker import VaultWorker
from recovery_journal.store import create_vault, open_vault
from recovery_journal.ui.operations import Operations
from tests.conftest import PASSPHRASE, TEST_KDF

DAY = date(2026, 12, 6)


@pytest.fixture
def operations(qtbot, vault_path) -> Iterator[Operations]:
    create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    worker = VaultWorker()
    worker.open(lambda: open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)).result()
    yield Operations(worker)
    worker.shutdown()


def _announced(qtbot, operations: Operations, job, **kwargs) -> list[Changes]:
    heard: list[Changes] = []
    operations.changed.connect(heard.append)
    operations.run(job, **kwargs)
    qtbot.waitUntil(lambda: not operations.busy, timeout=10_000)
    return heard


def test_the_changes_a_service_returns_are_announced(qtbot, operations):
    meeting = Meeting("m1", DAY, "Tuesday group", MeetingFormat.IN_PERSON)
    assert _announced(qtbot, operations, lambda v: apply_changes(v, [meeting], [])) == [
        Changes(daily=True)
    ]
    sheet = Resentment("r1", "Boss", "shouted")
    assert _announced(qtbot, operations, lambda v: apply_changes(v, [sheet], [])) == [
        Changes(steps=True)
    ]


def test_a_value_with_its_changes_announces_them_all(qtbot, operations):
    """Putting a review's apology on the step 8 list changes the steps and what the day's
    review shows (it is on the list now); the page used to announce the steps only."""
    heard = _announced(
        qtbot, operations, lambda v: add_apology_to_step8(v, DAY, "Dan", "snapped at him")
    )
    assert heard == [Changes(steps=True, daily=True)]


def test_a_read_announces_nothing(qtbot, operations):
    assert _announced(qtbot, operations, lambda v: None) == []
    assert _announced(qtbot, operations, lambda v: (1, Changes(notes=True))) == []
    assert _announced(qtbot, operations, lambda v: Changed(1, Changes())) == []


def test_the_announcement_names_who_asked(qtbot, operations):
    """A page knows its own save when it is announced (the review used a flag of its own)."""
    from PySide6.QtCore import QObject

    page = QObject()
    heard = _announced(qtbot, operations, lambda v: Changes(daily=True), owner=page)
    assert heard == [Changes(daily=True)] and heard[0].initiator is page
    assert _announced(qtbot, operations, lambda v: Changes(daily=True))[0].initiator is None
