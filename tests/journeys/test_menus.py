"""Every menu entry, chosen with the mouse as a person would: each does what it names (a dialog,
a page, a question), and the program writes no traceback while doing it."""

from __future__ import annotations

from tests.journeys.atspi import wait_for
from tests.journeys.person import choose_menu, create_journal, page_shown, skip_guide

# Menu path, then what shows: ("dialog", part of its title) or ("page", its name in the list).
ENTRIES = [
    (("Journal", "Progress report for your sponsor…"), ("dialog", "Progress report")),
    (("Journal", "Import my sponsor's reply…"), ("dialog", "Import my sponsor's reply")),
    (("Journal", "Export everything as JSON…"), ("dialog", "Export everything as JSON")),
    (("Journal", "Backups…"), ("dialog", "Backups")),
    (("Journal", "Change passphrase…"), ("dialog", "Change passphrase")),
    (("Go", "Journal"), ("page", "Journal")),
    (("Go", "Nightly review"), ("page", "Nightly review")),
    (("Go", "Sober time and meetings"), ("page", "Sober time and meetings")),
    (("Go", "Better than yesterday"), ("page", "Better than yesterday")),
    (("Go", "Steps"), ("page", "Steps")),
    (("Go", "Inventory"), ("page", "Inventory")),
    (("Go", "Settings"), ("page", "Settings")),
    (("Go", "About"), ("page", "About")),
    (("Go", "Today"), ("page", "Today")),
    (("Go", "Search everything…"), ("focus", "Search everything you wrote")),
    (("Go", "Tonight's review"), ("page", "Nightly review")),
    (("Go", "Spot-check"), ("page", "Sober time and meetings")),
    (("Help", "Help now…"), ("dialog", "Help now")),
    (("Help", "Getting started…"), ("dialog", "Getting started")),
    (("Help", "Keyboard shortcuts…"), ("dialog", "Keyboard shortcuts")),
    (("Help", "About Recovery Journal"), ("page", "About")),
]


DIALOG_ROLES = ("dialog", "alert", "alert message")


def _dialogs(app) -> list:
    return [window for window in app.windows() if window.role in DIALOG_ROLES]


def test_every_menu_entry_does_what_it_names(launch):
    app = launch()
    create_journal(app)
    skip_guide(app)
    for path, (kind, what) in ENTRIES:
        choose_menu(app, *path)
        if kind == "dialog":
            shown = wait_for(
                lambda what=what: next(
                    (d for d in _dialogs(app) if what in d.name or d.find(name=what)), None
                ),
                10,
                f"{' ▸ '.join(path)} to show {what!r}",
            )
            app.desktop.key("Escape")
            wait_for(lambda shown=shown: not _dialogs(app), 10, f"{what!r} to close on Escape")
        elif kind == "page":
            wait_for(lambda what=what: page_shown(app) == what, 10, f"{' ▸ '.join(path)}")
            app.desktop.key("Escape")  # a spot-check or a focused field lets go
            wait_for(lambda: not _dialogs(app), 10, "no dialog left")
        else:
            app.wait_for_focus(name=what)
    # Lock after inactivity ▸ a choice is kept (it is a radio item).
    choose_menu(app, "Journal", "Lock after inactivity", "5 minutes")
    app.desktop.key("ctrl+q")
    assert app.wait_exit(20) == 0
    assert "Traceback" not in app.log(), app.log()


def test_export_everything_as_json_asks_then_writes_the_file(launch, tmp_path):
    app = launch()
    create_journal(app)
    skip_guide(app)
    choose_menu(app, "Journal", "Export everything as JSON…")
    warning = app.wait_for_node("alert message", contains="Export everything as JSON")
    app.desktop.click(app.wait_for_node("push button", "Yes", within=warning))
    saving = wait_for(
        lambda: next((d for d in _dialogs(app) if "Export everything" in d.name), None),
        10,
        "the file dialog",
    )
    # It opens in the home folder's Documents (here: home, there is none), never the
    # folder the program was started from.
    target = tmp_path / "everything.json"
    app.wait_for_focus("text")
    app.desktop.key("ctrl+a")
    app.desktop.type(str(target))
    app.desktop.key("Return")
    wait_for(lambda: not _dialogs(app), 10, "the file dialog to close")
    app.wait_for_node("label", contains="Exported to", within="frame")
    assert target.exists() and target.stat().st_size > 100
    del saving
