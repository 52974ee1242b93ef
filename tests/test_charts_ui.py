"""The "Better than yesterday" page renders every chart for empty, one-day, 90-day and ten-year
vaults, and saves a chart as PNG and SVG."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

import sys
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFileDialog

from recovery_journal.domain.daily import NightlyReview, Rating
from recovery_journal.services.demo import fill_demo
from recovery_journal.services.review import review_day
from recovery_journal.store import create_vault
from recovery_journal.ui.chart_view import RESIZE_PAUSE_MS
from recovery_journal.ui.pages import Page
from tests.conftest import PASSPHRASE, TEST_KDF, in_fresh_python, persons_today
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401


def _make(vault_path, days: int) -> None:
    vault = create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    if days == 1:
        with vault.transaction():
            vault.reviews.save(
                NightlyReview(
                    review_day(vault),
                    ratings=(Rating("d.mood", 6), Rating("d.craving", 3)),
                    updated_at=datetime.now(UTC),
                )
            )
    elif days:
        fill_demo(vault, days, "en", end=persons_today())
    vault.close()


def _open_charts(qapp, qtbot, controllers, vault_path):
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.show_page(Page.CHARTS)
    page = window.charts
    qtbot.waitUntil(lambda: page.view is not None, timeout=20_000)
    return controller, window, page


def test_no_data_is_an_invitation_not_an_empty_axis(qapp, qtbot, controllers, vault_path):
    _make(vault_path, 0)
    _controller, window, page = _open_charts(qapp, qtbot, controllers, vault_path)
    assert page.stack.currentWidget() is page.invitation
    assert all(tab.chart.painted_for is None for tab, _period in page.chart_tabs)


@pytest.mark.parametrize("days", [1, 90, 3650])
def test_every_chart_draws(qapp, qtbot, controllers, vault_path, days):
    _make(vault_path, days)
    controller, window, page = _open_charts(qapp, qtbot, controllers, vault_path)
    assert page.stack.currentWidget() is page.tabs
    for index, (tab, period) in enumerate(page.chart_tabs):
        page.tabs.setCurrentIndex(index)
        if tab.words_only:
            # Too little for this chart (one night, or no year yet): a sentence says so, no
            # empty axes.
            assert days == 1 or (tab.objectName() == "year_ago" and days < 365)
            assert tab.sentences.text() and tab.chart.isHidden()
            continue
        qtbot.waitUntil(lambda tab=tab: tab.chart.painted_for is page.view, timeout=20_000)
        assert tab.chart.axes, f"{tab.objectName()} drew nothing"
        assert not tab.chart.grab().toImage().isNull()
        if period is not None and days > 1:
            assert tab.sentences.text(), tab.objectName()
    if days > 1:
        today = page.chart_tabs[0][0].sentences.text()
        assert "Mood: " in today and "Craving: " in today
    # Another range redraws the visible chart from new data (the calendar: drawn for any data).
    calendar = next(tab for tab, _period in page.chart_tabs if tab.objectName() == "calendar")
    page.tabs.setCurrentWidget(calendar)
    before = page.view
    page.range.setCurrentIndex(3)  # everything
    page.reload()
    qtbot.waitUntil(lambda: page.view is not before, timeout=20_000)
    qtbot.waitUntil(lambda: calendar.chart.painted_for is page.view, timeout=20_000)


def test_a_chart_is_saved_as_png_and_svg(
    qapp, qtbot, controllers, vault_path, tmp_path, monkeypatch
):
    _make(vault_path, 90)
    _controller, window, page = _open_charts(qapp, qtbot, controllers, vault_path)
    tab = page.chart_tabs[0][0]
    qtbot.waitUntil(lambda: tab.chart.painted_for is page.view, timeout=20_000)
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml")):
        target = tmp_path / f"chart{suffix}"
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *args, target=target: (str(target), "")
        )
        tab.save_button.click()
        qtbot.waitUntil(target.exists, timeout=20_000)
        assert target.read_bytes().startswith(magic)
    assert b"Mood" in (tmp_path / "chart.svg").read_bytes()


def test_other_tabs_are_drawn_in_the_background_and_shown_without_a_redraw(
    qapp, qtbot, controllers, vault_path
):
    _make(vault_path, 90)
    _controller, window, page = _open_charts(qapp, qtbot, controllers, vault_path)
    qtbot.waitUntil(
        lambda: all(
            tab.words_only or tab.chart.painted_for is page.view for tab, _p in page.chart_tabs
        ),
        timeout=30_000,
    )
    requests = {tab.objectName(): tab.chart._ticket[0] for tab, _p in page.chart_tabs}
    for index in range(len(page.chart_tabs)):
        page.tabs.setCurrentIndex(index)
        qtbot.wait(RESIZE_PAUSE_MS * 2)  # a resize would ask for a new picture by now
    assert {tab.objectName(): tab.chart._ticket[0] for tab, _p in page.chart_tabs} == requests


def test_a_page_left_lets_go_of_its_hidden_tabs_pictures_and_draws_them_again_when_back(
    qapp, qtbot, controllers, vault_path, monkeypatch
):
    import recovery_journal.ui.pages.charts as charts_page

    monkeypatch.setattr(charts_page, "RELEASE_AFTER_MS", 50, raising=False)
    _make(vault_path, 90)
    _controller, window, page = _open_charts(qapp, qtbot, controllers, vault_path)
    window.show()

    def all_painted() -> bool:
        return all(
            tab.words_only or tab.chart.painted_for is page.view for tab, _p in page.chart_tabs
        )

    qtbot.waitUntil(all_painted, timeout=30_000)
    trends = next(tab for tab, _p in page.chart_tabs if tab.objectName() == "trends")
    page.tabs.setCurrentWidget(trends)
    shown = trends.chart._pixmap
    window.show_page(Page.TODAY)
    others = [t for t, _p in page.chart_tabs if t is not trends and not t.words_only]
    qtbot.waitUntil(lambda: all(t.chart._pixmap is None for t in others), timeout=5_000)
    assert trends.chart._pixmap is shown  # the one in view stays, to be there at once
    assert not any(t.save_button.isEnabled() for t in others)
    ticket = trends.chart._ticket[0]
    window.show_page(Page.CHARTS)
    assert trends.chart._pixmap is shown
    qtbot.waitUntil(all_painted, timeout=30_000)
    assert all(t.chart._pixmap is not None for t in others)
    assert trends.chart._ticket[0] == ticket  # not drawn again


def test_a_resized_window_redraws_the_chart_at_its_new_size(qapp, qtbot, controllers, vault_path):
    _make(vault_path, 90)
    _controller, window, page = _open_charts(qapp, qtbot, controllers, vault_path)
    chart = page.chart_tabs[0][0].chart
    qtbot.waitUntil(lambda: chart.painted_for is page.view, timeout=20_000)
    before = chart._pixmap.size()
    window.resize(window.width() + 200, window.height() + 100)
    qtbot.waitUntil(lambda: chart._pixmap.size() != before, timeout=20_000)
    ratio = chart.devicePixelRatioF()
    assert chart._pixmap.width() == round(chart.width() * ratio)


def test_date_labels_are_in_the_language_of_the_window(qapp, monkeypatch):
    from recovery_journal.services.trends import DateTick, TickStyle
    from recovery_journal.ui import charts
    from recovery_journal.ui.pages.charts import ChartsPage

    monkeypatch.setattr(QLocale, "setDefault", QLocale.setDefault)
    QLocale.setDefault(QLocale("ru"))
    try:
        palette = ChartsPage.palette_for_charts(QFileDialog())  # any widget's palette
    finally:
        QLocale.setDefault(QLocale("en"))
    day = date(2026, 11, 1)
    assert charts.tick_label(DateTick(0, day, TickStyle.MONTH_YEAR), palette) == "нояб. 2026"
    assert charts.tick_label(DateTick(0, day, TickStyle.DAY_MONTH), palette) == "1 нояб."
    assert charts.tick_label(DateTick(0, day, TickStyle.YEAR), palette) == "2026"


def test_matplotlib_loads_and_draws_only_on_the_charts_thread(vault_path):
    """In a fresh interpreter: the GUI thread never imports matplotlib nor draws a figure."""
    _make(vault_path, 30)
    in_fresh_python(
        f"""
        import sys, threading, time
        from importlib.abc import MetaPathFinder

        loaders = set()

        class Watch(MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name == "matplotlib":
                    loaders.add(threading.current_thread().name)
                return None

        sys.meta_path.insert(0, Watch())
        from PySide6.QtWidgets import QApplication
        from recovery_journal.services.worker import VaultWorker
        from recovery_journal.store import open_vault
        from recovery_journal.ui import charts
        from recovery_journal.ui.operations import Operations
        from recovery_journal.ui.pages.charts import ChartsPage

        drawers = set()
        make_figure = charts._figure

        def watched(*args):
            drawers.add(threading.current_thread().name)
            return make_figure(*args)

        charts._figure = watched
        app = QApplication([])
        worker = VaultWorker()
        worker.open(lambda: open_vault({str(vault_path)!r}, {PASSPHRASE!r},
                                       kdf_iterations={TEST_KDF})).result()
        page = ChartsPage(Operations(worker))
        page.resize(900, 600)
        page.show()
        deadline = time.monotonic() + 60
        while not page.view or not all(t.words_only or t.chart.painted_for is page.view
                                       for t, _p in page.chart_tabs):
            assert time.monotonic() < deadline, "not painted"
            app.processEvents()
            time.sleep(0.005)
        worker.shutdown()
        assert "matplotlib" in sys.modules
        print(sorted(loaders), sorted(drawers))
        assert loaders and all(n.startswith("charts") for n in loaders), loaders
        assert drawers and all(n.startswith("charts") for n in drawers), drawers
        """
    )


# What matplotlib's import would bring that no chart uses (ui.charts._import_matplotlib).
NOT_IMPORTED = (
    "mpl_toolkits.mplot3d.axes3d",
    "mpl_toolkits.mplot3d.axis3d",
    "mpl_toolkits.mplot3d.art3d",
    "mpl_toolkits.mplot3d.proj3d",
)


def test_matplotlib_is_imported_without_what_the_charts_never_use(vault_path, tmp_path):
    """In a fresh interpreter, after the warm-up: none of NOT_IMPORTED is loaded, nothing is
    printed about it, the artists' docstrings are not filled with their property lists, and
    every chart still draws on screen, saves as PNG and prints as SVG."""
    _make(vault_path, 400)
    result = in_fresh_python(
        f"""
        import sys
        from pathlib import Path
        from recovery_journal.domain.trends import Period
        from recovery_journal.services.trends import ChartRange, load_charts
        from recovery_journal.store import open_vault
        from recovery_journal.ui import charts

        charts.warm_up()
        loaded = [m for m in {NOT_IMPORTED!r} if m in sys.modules]
        assert not loaded, loaded
        import matplotlib.artist
        from matplotlib.lines import Line2D
        assert "Properties:" not in Line2D.set.__doc__, "property lists were written"
        assert matplotlib.artist.kwdoc.__name__ == "kwdoc", "kwdoc was not put back"
        vault = open_vault({str(vault_path)!r}, {PASSPHRASE!r}, kdf_iterations={TEST_KDF})
        view = load_charts(vault, ChartRange.EVERYTHING)
        vault.close()
        for name, period in [("today", Period.DAY), ("year_ago", Period.YEAR), ("trends", None),
                             ("yes_answers", None), ("calendar", None), ("clean_time", None)]:
            picture = charts.render(name, period, view, charts.PRINT, (600, 300))
            assert picture.axes, name
            target = Path({str(tmp_path)!r}) / (name + ".png")
            charts.save(name, period, view, charts.PRINT, target)
            assert target.read_bytes().startswith(b"\\x89PNG"), name
            assert charts.svg(name, period, view, 7, 3).startswith(b"<?xml"), name
        print("drawn")
        """
    )
    assert result.stdout.strip() == "drawn"
    assert "Axes3D" not in result.stderr, result.stderr


def test_figures_of_one_size_draw_into_one_buffer_and_leave_nothing_in_it(vault_path):
    """Each figure drawing into a buffer of its own left it (2-8 MiB) until the GUI thread's
    collector freed the figure; the next chart of that size reuses it, with none of the last
    chart's pixels left in it, and another thread has its own."""
    import threading

    from recovery_journal.domain.trends import Period
    from recovery_journal.services.trends import ChartRange, load_charts
    from recovery_journal.store import open_vault
    from recovery_journal.ui import charts

    _make(vault_path, 90)
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    view = load_charts(vault, ChartRange.DAYS_90)
    vault.close()
    size = (640, 320)
    alone = charts.render("today", Period.DAY, view, charts.PRINT, size)
    renderers = []
    for name, period in (("trends", None), ("calendar", None), ("today", Period.DAY)):
        figure = charts._figure(size[0] / 100, size[1] / 100, 100)
        charts.draw_chart(name, period, figure, view, charts.PRINT)
        figure.canvas.draw()
        renderers.append(figure.canvas.get_renderer())
    assert renderers[0] is renderers[1] is renderers[2]
    assert bytes(figure.canvas.buffer_rgba()) == alone.rgba
    assert charts.render("today", Period.DAY, view, charts.PRINT, size).rgba == alone.rgba
    elsewhere = []
    thread = threading.Thread(
        target=lambda: elsewhere.append(charts._figure(6.4, 3.2, 100).canvas.get_renderer())
    )
    thread.start()
    thread.join()
    assert elsewhere[0] is not renderers[0]
    charts.release_buffer()
    assert charts._figure(6.4, 3.2, 100).canvas.get_renderer() is not renderers[0]


def test_a_drawn_chart_leaves_few_reference_cycles_for_the_gui_thread(vault_path):
    """A figure left whole after drawing was some 11,000 objects in reference cycles (the
    trends), freed only by the GUI thread's collector, 25-30 ms of its time for a page of
    charts; taken apart on the charts thread it leaves under a thousand."""
    import gc

    from recovery_journal.services.trends import ChartRange, load_charts
    from recovery_journal.store import open_vault
    from recovery_journal.ui import charts

    _make(vault_path, 90)
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    view = load_charts(vault, ChartRange.DAYS_90)
    vault.close()
    charts.warm_up()
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        charts.render("trends", None, view, charts.PRINT, (640, 320))
        assert gc.collect() < 2_000
    finally:
        if was_enabled:
            gc.enable()


def test_once_the_charts_warm_up_the_gui_thread_waits_for_the_gil_a_millisecond_at_most(qapp):
    """The window stood still 50-90 ms at a time while charts were drawn, using under 5 ms of
    processor in that time: each Qt event with Python in it waited up to 5 ms (Python's default)
    for the GIL held by the charts thread."""
    from recovery_journal.ui import chart_view

    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    chart_view.warm_up.cache_clear()  # warmed once per process: as if for the first time
    try:
        chart_view.warm_up().result(timeout=60)
        assert sys.getswitchinterval() <= 0.001
    finally:
        sys.setswitchinterval(before)


def test_the_warm_up_only_imports_and_draws_nothing(monkeypatch):
    """A figure drawn in the warm-up (to load the fonts) took ~40 ms and saved the first chart
    under 10: the first chart, whose data is read before the import ends, waited for it."""
    from recovery_journal.ui import charts

    made: list[tuple[float, ...]] = []
    real = charts._figure

    def watched(*size: float) -> object:
        made.append(size)
        return real(*size)

    monkeypatch.setattr(charts, "_figure", watched)
    charts.warm_up()
    assert "matplotlib.figure" in sys.modules
    assert made == []


def test_the_pointer_resting_on_the_charts_row_starts_the_warm_up_and_passing_over_does_not(
    qapp, qtbot, controllers, vault_path, monkeypatch
):
    from PySide6.QtTest import QTest

    import recovery_journal.ui.main_window as main_window

    warmed: list[bool] = []
    monkeypatch.setattr(main_window, "warm_up_charts", lambda: warmed.append(True), raising=False)
    _make(vault_path, 0)
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.show()
    qtbot.waitExposed(window)
    navigation = window.navigation
    pages = list(Page)

    def row(page: Page) -> object:
        return navigation.visualItemRect(navigation.item(pages.index(page))).center()

    # On the way from Today to Steps, over the charts' row without a pause: nothing.
    for page in (Page.TODAY, Page.CHARTS, Page.STEPS):
        QTest.mouseMove(navigation.viewport(), row(page))
        qtbot.wait(20)
    qtbot.wait(300)
    assert warmed == []
    QTest.mouseMove(navigation.viewport(), row(Page.CHARTS))
    qtbot.waitUntil(lambda: warmed == [True], timeout=3_000)
    assert window.current_page() is Page.TODAY  # nothing else happens


@pytest.mark.parametrize("name", ["trends", "clean_time"])
def test_every_title_is_drawn_in_the_text_colour_of_the_theme(vault_path, name):
    """Titles set at the left (the trends' scales, the clean runs) were drawn black: on the dark
    theme's grey they could not be read."""
    from matplotlib.colors import to_hex

    from recovery_journal.services.trends import ChartRange, load_charts
    from recovery_journal.store import open_vault
    from recovery_journal.ui import charts

    _make(vault_path, 90)
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    view = load_charts(vault, ChartRange.DAYS_90)
    vault.close()
    dark = charts.Palette(text="#e6e6e6", background="#2b2b2b", grid="#5a5a5a")
    figure = charts._figure(6.4, 3.2, 100)
    charts.draw_chart(name, None, figure, view, dark)
    titles = [
        title
        for axes in figure.axes
        for title in (axes.title, axes._left_title, axes._right_title)
        if title.get_text()
    ]
    assert titles
    assert {to_hex(title.get_color()) for title in titles} == {"#e6e6e6"}
