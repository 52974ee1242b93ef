"""A wrong passphrase, then the right one with Enter, as a person types them."""

from __future__ import annotations

import pytest

from tests.journeys.atspi import wait_for
from tests.journeys.person import PASSPHRASE, create_journal, skip_guide

WRONG = "quiet river morning coffee"


@pytest.fixture
def closed_journal(launch):
    app = launch()
    create_journal(app)
    skip_guide(app)
    app.desktop.key("ctrl+q")
    assert app.wait_exit(20) == 0
    return app.vault


def _wrong_then_right(launch, vault, first_enter: str, second_enter: str, wait: bool) -> None:
    app = launch(vault=vault)
    dialog = app.window("dialog")
    app.wait_for_focus("text")
    app.desktop.type(WRONG)
    app.desktop.key(first_enter)
    if wait:
        app.wait_for_node("label", contains="does not open", within=dialog)
    else:
        # Typing on while the first attempt is still being checked.
        pass
    app.desktop.key("ctrl+a")
    app.desktop.type(PASSPHRASE)
    app.desktop.key(second_enter)
    app.window("frame", 30)
    wait_for(lambda: not [w for w in app.windows() if w.role == "dialog"], 10, "no dialog left")


@pytest.mark.parametrize("enter", ["Return", "KP_Enter"])
def test_after_a_wrong_passphrase_enter_unlocks_with_the_right_one(closed_journal, launch, enter):
    _wrong_then_right(launch, closed_journal, enter, enter, wait=True)


def test_typing_on_while_the_wrong_passphrase_is_checked(closed_journal, launch):
    _wrong_then_right(launch, closed_journal, "Return", "Return", wait=False)
