"""The notice across the top: it can be closed, and news goes away by itself."""

from __future__ import annotations

from PySide6.QtCore import Qt

from recovery_journal.ui import banner as banner_module
from tests.test_safety_ui import _open
from tests.test_ui import controllers  # noqa: F401


def test_a_banner_has_a_close_button_and_news_goes_away(
    qapp,
    qtbot,
    controllers,
    vault_path,
    monkeypatch,  # noqa: F811
):
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.show_banner("The vault could not be checked.")
    assert window.banner.isVisible()
    close = window.banner.close_button
    assert close.isVisible() and close.accessibleName() == "Close this message"
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()

    monkeypatch.setattr(banner_module, "NEWS_SECONDS", 0.2)
    window.show_banner("Exported.", news=True)
    assert window.banner.isVisible()
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=3_000)
    window.show_banner("Still matters.")
    qtbot.wait(400)
    assert window.banner.isVisible()  # a problem stays until closed
