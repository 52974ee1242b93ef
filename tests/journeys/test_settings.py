"""Settings as a person changes them: a larger text size grows the window to match (at 200 %
a window sized for 100 % made pages scroll sideways) and keeps the keyboard where it was."""

from __future__ import annotations

from tests.journeys.atspi import wait_for
from tests.journeys.person import create_journal, go_to, skip_guide


def test_a_larger_text_size_grows_the_window_and_keeps_the_keyboard_on_the_box(launch):
    app = launch()
    create_journal(app)
    skip_guide(app)
    go_to(app, "Settings")
    before = app.window("frame").extents
    size = app.wait_for_node("combo box", "Text size:", within="frame")
    app.desktop.click(size)
    choice = wait_for(
        lambda: next(iter(app.root.find_all("list item", "200 %")), None), 10, "the 200 % choice"
    )
    app.desktop.click(choice)
    wait_for(lambda: app.window("frame").extents[2] > before[2], 15, "a wider window")
    focused = app.wait_for_focus("combo box")
    assert focused.name == "Text size:", focused.name
