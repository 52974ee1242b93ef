"""Small things that break trust: banners that never go away, a tray box that cannot work."""

# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

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
    monkeypatch,
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


def test_without_a_tray_stay_in_the_tray_is_not_offered_and_its_choice_is_kept(
    qapp, qtbot, controllers, vault_path, monkeypatch
):
    from recovery_journal.services.settings import load_settings, update_settings
    from recovery_journal.store import create_vault
    from recovery_journal.ui.pages import Page
    from tests.conftest import PASSPHRASE, TEST_KDF, reopen
    from tests.test_ui import settle

    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    update_settings(vault, keep_in_tray=True)  # chosen on a desktop with a tray
    vault.close()
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.show_page(Page.SETTINGS)
    page = window.settings
    settle(qtbot, controller)
    # The tests' offscreen desktop has no tray, like some desktops.
    assert not page.keep_in_tray.isChecked() and not page.keep_in_tray.isEnabled()
    assert page.no_tray.isVisible() and "no tray" in page.no_tray.text()
    page.display_name.setText("Sam")
    page.save_now()
    settle(qtbot, controller)
    window.close()
    controller.shutdown()
    vault = reopen(vault_path)
    try:
        settings = load_settings(vault)
        assert settings.display_name == "Sam" and settings.keep_in_tray
    finally:
        vault.close()
