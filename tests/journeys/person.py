"""What a person does again and again in the journeys, from outside: create, unlock, go to a page.

Each step types and clicks through the desktop and waits until the screen (AT-SPI) shows that it
happened, so a journey reads as the person's steps and fails at the first one that did not work.
"""

from __future__ import annotations

from pathlib import Path

from recovery_journal.store import open_vault
from tests.journeys.atspi import Node, wait_for
from tests.journeys.desktop import App

PASSPHRASE = "quiet river morning tea"


def create_journal(app: App, passphrase: str = PASSPHRASE) -> Node:
    """The first-run dialog: the passphrase twice, Enter; returns the main window."""
    dialog = app.window("dialog")
    app.wait_for_focus("text")
    app.desktop.type(passphrase)
    app.desktop.key("Tab")
    app.desktop.type(passphrase)
    app.desktop.key("Return")
    wait_for(lambda: not _showing(dialog), 30, "the create dialog to close")
    return app.window("frame", 30)


def closed_journal_with_today(app: App, words: str) -> Path:
    """A new journal with ``words`` as today's note, saved, and the program quit; its path."""
    create_journal(app)
    skip_guide(app)
    note = app.wait_for_node("text", "A few words about today", within="frame")
    app.desktop.click(note)
    app.desktop.type(words)
    app.wait_for_node("label", contains="Saved at", within="frame")
    app.desktop.key("ctrl+q")
    assert app.wait_exit(20) == 0
    return app.vault


def skip_guide(app: App, next_label: str = "Skip the guide") -> None:
    """The first-run guide over a new journal: its Skip button leaves it."""
    guide = app.window("dialog")
    app.desktop.click(app.wait_for_node("push button", next_label, within=guide))
    wait_for(lambda: not _showing(guide), 10, "the guide to close")
    wait_until_active(app, app.window("frame"))


def wait_until_active(app: App, window: Node) -> None:
    """Keys go to the active window: wait until the window manager has given it back."""
    wait_for(lambda: "active" in window.states, 10, f"{window.name!r} to be the active window")


def unlock(app: App, passphrase: str = PASSPHRASE, enter: str = "Return") -> Node:
    """The unlock dialog: type the passphrase, press Enter; returns the main window.

    A dialog that came while the person was away (the journal locked itself) is not given the
    keyboard by the window manager, rightly: the person clicks into it first.
    """
    dialog = app.window("dialog")
    try:
        wait_for(lambda: app.focused() is not None and app.focused().role == "text", 2, "")
    except AssertionError:
        app.desktop.click(app.wait_for_node("text", within=dialog))
        app.wait_for_focus("text")
    app.desktop.type(passphrase)
    app.desktop.key(enter)
    return app.window("frame", 30)


def _showing(node: Node) -> bool:
    try:
        return "showing" in node.states
    except Exception:  # noqa: BLE001 - gone: not showing
        return False


def read_vault(path: Path, passphrase: str = PASSPHRASE):  # noqa: ANN201 - the store's vault
    """The vault as the program left it (opened here only after the program has let go)."""
    return open_vault(path, passphrase)


def page_shown(app: App) -> str:
    """The page the window shows: the selected entry of the page list."""
    pages = _page_list(app)
    selected = [item.name for item in pages.children() if "selected" in item.states]
    return selected[0] if selected else ""


def choose_menu(app: App, *path: str) -> None:
    """Click through the menu bar as a person does: ``choose_menu(app, "Journal", "Lock now")``."""
    node = app.wait_for_node("menu item", path[0], within="frame")
    app.desktop.click(node)
    for label in path[1:]:
        parent = node
        node = wait_for(
            lambda label=label, parent=parent: _menu_entry(parent, label),
            10, f"the menu entry {label!r}",
        )  # fmt: skip
        app.desktop.click(node)


def _menu_entry(opened: Node, label: str) -> Node | None:
    """An enabled entry of the menu that ``opened`` (a menu item) has shown."""
    for menu in opened.find_all("popup menu"):
        for node in menu.children():
            if node.role == "menu item" and node.name == label and "enabled" in node.states:
                return node
    return None


def go_to(app: App, page_title: str) -> None:
    """Click the page's name in the list on the left, as a person does."""
    pages = _page_list(app)
    item = wait_for(
        lambda: next((i for i in pages.children() if i.name == page_title), None),
        10, f"{page_title!r} in the page list",
    )  # fmt: skip
    app.desktop.click(item)
    wait_for(lambda: page_shown(app) == page_title, 10, f"the page {page_title!r}")


def _page_list(app: App) -> Node:
    # The first list in the window is the page list on the left (named "Pages" or «Разделы»).
    return app.wait_for_node("list", within="frame")


def tab_to(app: App, role: str, name: str, most: int = 40, backwards: bool = False) -> Node:
    """Press Tab (Shift+Tab ``backwards``) until the keyboard is on that control, as a keyboard
    user finds it (a form longer than its window scrolls to follow the focus)."""
    for _ in range(most):
        node = app.focused()
        if node is not None and node.role == role and node.name == name:
            return node
        app.desktop.key("shift+Tab" if backwards else "Tab")
        # Keys and the screen reader's answers travel apart: read again only once the focus
        # has moved, or a stale answer would send a second Tab past the control.
        wait_for(lambda before=node: _moved(app, before), 5, "the focus to move on Tab")
    raise AssertionError(f"Tab never reached {role} {name!r}")


def _moved(app: App, before: Node | None) -> bool:
    now = app.focused()
    return now is not None and (before is None or now.path != before.path)
