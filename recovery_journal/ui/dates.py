"""Every date and time the app shows, and the one editor a date is typed or picked in.

Shown, in the interface language's locale (``QLocale()``, set with the language):

- ``date_text``: "December 6, 2026" / "6 декабря 2026 г." — the locale's long date without the
  weekday, for a date in a sentence or a table;
- ``weekday_date_text``: "Sunday, December 6, 2026" / "воскресенье, 6 декабря 2026 г.", and
  ``day_heading``, the same starting with a capital, for a day's own heading;
- ``compact_date_text``: "Sun, Dec 6, 2026" / "Вс, 6 дек. 2026 г.", for narrow lists of days;
- ``time_text``: the locale's short time, "9:03 PM" / "21:03"; ``moment_text``: a date at a time.

Typed: ``DateEdit``, the locale's own order with a four-digit year (en M/d/yyyy, ru dd.MM.yyyy)
and a calendar to pick from. A two-digit year typed into it is read as the year it means (26 is
2026, see ``domain.day.year_from_two_digits``): a short-year editor once read "11/8/26" as 2082.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time

from PySide6.QtCore import QDate, QLocale, Qt, QTime
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QTimeEdit, QWidget

from recovery_journal.domain.clean_time import LONG_AGO_YEARS, DateDoubt, doubt_about
from recovery_journal.domain.day import EARLIEST_DAY, LATEST_DAY, year_from_two_digits
from recovery_journal.i18n import _, ngettext
from recovery_journal.ui.messages import ask_yes_no
from recovery_journal.ui.widgets import pydate, qdate

NO_BREAK = "\u00a0"
EARLIEST = EARLIEST_DAY
LATEST = LATEST_DAY

_Section = QDateTimeEdit.Section


def _outside_quotes(pattern: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` to a Qt date pattern's fields, not to its quoted words (ru's 'г'.)."""
    parts = pattern.split("'")
    return "'".join(change(part) if n % 2 == 0 else part for n, part in enumerate(parts))


def entry_format(locale: QLocale | None = None) -> str:
    """The locale's short date with the year widened to four digits: M/d/yyyy, dd.MM.yyyy."""
    short = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    return _outside_quotes(short, lambda part: re.sub("y+", "yyyy", part))


def _long_format() -> str:
    # Without Russian's «г.» after the year: «6 декабря 2026», as people write a date (and as
    # the report does); the mark is for forms and letters.
    pattern = QLocale().dateFormat(QLocale.FormatType.LongFormat)
    return re.sub(r"\s*'г'\.?$", "", pattern)


def _without_weekday(pattern: str) -> str:
    return _outside_quotes(pattern, lambda part: re.sub(r"d{4}[,\s]*|[,\s]*d{4}$", "", part))


def _abbreviated(pattern: str) -> str:
    return _outside_quotes(pattern, lambda part: re.sub("M{4}", "MMM", re.sub("d{4}", "ddd", part)))


def _capitalised(text: str) -> str:
    # Russian weekday names are lower case; at the start of a line they read as a typo.
    return text[:1].upper() + text[1:]


def date_text(day: date) -> str:
    """A date in a sentence or a table: "December 6, 2026" / "6 декабря 2026 г.".

    Its spaces do not break: a label that wraps puts the whole date on the next line rather
    than leave "10" at the end of one line and "октября 2026 г." on the next.
    """
    text = QLocale().toString(qdate(day), _without_weekday(_long_format()))
    return text.replace(" ", NO_BREAK)


def weekday_date_text(day: date) -> str:
    """A date with its weekday, inside a sentence: "Sunday, December 6, 2026"."""
    return QLocale().toString(qdate(day), _long_format())


def day_heading(day: date) -> str:
    """A date with its weekday on a line of its own: "Воскресенье, 6 декабря 2026 г."."""
    return _capitalised(weekday_date_text(day))


def compact_date_text(day: date) -> str:
    """A day in a narrow list: "Sun, Dec 6, 2026" / "Вс, 6 дек. 2026 г."."""
    return _capitalised(QLocale().toString(qdate(day), _abbreviated(_long_format())))


def time_text(moment: datetime | time) -> str:
    """A time of day in the locale's short form; a stored moment in the person's time zone."""
    if isinstance(moment, datetime):
        moment = (moment.astimezone() if moment.tzinfo is not None else moment).time()
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def clock_text(hhmm: str) -> str:
    """A time kept as the person's "HH:MM" (a spot-check's), shown in the locale's form."""
    try:
        return time_text(time.fromisoformat(hhmm))
    except ValueError:
        return hhmm


def moment_text(moment: datetime) -> str:
    """A stored moment as a date at a time: "December 6, 2026 at 9:03 PM"."""
    local = moment.astimezone()
    return _("{date} at {time}").format(date=date_text(local.date()), time=time_text(local))


def day_month_names(locale: QLocale | None = None) -> tuple[str, ...]:
    """Short month names as they follow a day's number ("3 мая"), for the charts' axes; in the
    window's language unless another ``locale`` is given (a report's)."""
    locale = locale or QLocale()
    return tuple(locale.toString(QDate(2000, month, 1), "MMM") for month in range(1, 13))


def month_names(locale: QLocale | None = None) -> tuple[str, ...]:
    """Short month names standing alone ("май", "май 2026"), for the charts' axes."""
    locale = locale or QLocale()
    return tuple(
        locale.standaloneMonthName(month, QLocale.FormatType.ShortFormat) for month in range(1, 13)
    )


class DateEdit(QDateEdit):
    """The one date editor: the locale's order, a four-digit year, a calendar to pick from.

    Qt's editor needs two things from us. A separator typed right after a section filled up
    (the "/" after "11") moved on a second time and the day was typed into the year; here it is
    taken as the separator the person meant. A two-digit year is refused by the year section
    (or kept as the year 26) and the old year came back unseen; here it is read as the year it
    means, when the editing ends (Enter, Tab, a click elsewhere, or ``finish``).
    """

    def __init__(
        self,
        day: date | None = None,
        parent: QWidget | None = None,
        *,
        earliest: date = EARLIEST,
        latest: date = LATEST,
    ) -> None:
        super().__init__(parent)
        self.setDisplayFormat(entry_format())
        self.setCalendarPopup(True)
        self.setDateRange(qdate(earliest), qdate(latest))
        if day is not None:
            self.setDate(qdate(day))
        self._typed_year = ""  # digits typed into the year section since it was entered
        self._moved_on = False  # the last key filled a section and moved to the next

    def day(self) -> date:
        return pydate(self.date())

    def set_day(self, day: date) -> None:
        self.setDate(qdate(day))

    def set_range(self, earliest: date, latest: date) -> None:
        self.setDateRange(qdate(earliest), qdate(latest))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in _MODIFIER_KEYS:
            # Shift on its own, before a "/" or "." that needs it on the person's layout: it
            # changes nothing typed (it cleared the state, and the "/" then moved on twice).
            super().keyPressEvent(event)
            return
        text = event.text()
        is_separator = bool(text) and text.isprintable() and not text.isalnum()
        if is_separator and self._moved_on:
            self._moved_on = False
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
        line = self.lineEdit()
        if text.isdigit() and line.hasSelectedText() and line.selectedText() == line.text():
            # All of it selected (Ctrl+A, a triple click): a new date is typed from its first
            # part. Qt dropped the first digit and kept the old month (9/8 became 12/8).
            self.setCurrentSectionIndex(0)
            self.setSelectedSection(self.sectionAt(0))
        section = self.currentSection()
        if section == _Section.YearSection and text.isdigit():
            self._typed_year += text
        elif section == _Section.YearSection and event.key() == Qt.Key.Key_Backspace:
            self._typed_year = self._typed_year[:-1]
        else:
            self._typed_year = ""
        super().keyPressEvent(event)
        self._moved_on = text.isdigit() and self.currentSection() != section

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self._typed_year = ""
        self._moved_on = False
        super().mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self._typed_year = ""
        self._moved_on = False
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self.finish()
        super().focusOutEvent(event)

    def finish(self) -> None:
        """Take a two-digit year just typed as the year it means (26: 2026).

        Called when the editing ends; a table's delegate calls it before reading the date,
        because the table sees Enter, Tab and the click elsewhere before the editor does.
        """
        digits, self._typed_year = self._typed_year, ""
        self._moved_on = False
        if len(digits) != 2:
            return
        shown = self.date()
        month = self._section_number(_Section.MonthSection, shown.month())
        day = self._section_number(_Section.DaySection, shown.day())
        meant = QDate(year_from_two_digits(int(digits), date.today().year), month, day)
        if meant.isValid():
            self.setDate(meant)

    def _section_number(self, section: QDateTimeEdit.Section, fallback: int) -> int:
        text = self.sectionText(section)
        return int(text) if text.isdigit() else fallback


_MODIFIER_KEYS = frozenset(
    {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr}
)


def doubt_question(day: date, today: date) -> str | None:
    """The calm question to ask before a clean date (or a slip's day) that looks mistyped is
    kept, or None when the date is plausible (``domain.clean_time.doubt_about``)."""
    doubt = doubt_about(day, today)
    if doubt is DateDoubt.FUTURE:
        return _("{day} has not come yet. Keep this date anyway?").format(day=date_text(day))
    if doubt is DateDoubt.LONG_AGO:
        return ngettext(
            "{day} is more than {years} year ago. Keep this date anyway?",
            "{day} is more than {years} years ago. Keep this date anyway?",
            LONG_AGO_YEARS,
        ).format(day=date_text(day), years=LONG_AGO_YEARS)
    return None


def confirm_date(parent: QWidget, question: str) -> bool:
    """Ask a date's question; only a clear yes keeps the date (No is the default button)."""
    return ask_yes_no(parent, _("Check the date"), question)


def time_edit() -> QTimeEdit:
    """A time of day typed or stepped in the locale's short form (4:00 AM, 04:00)."""
    editor = QTimeEdit()
    editor.setDisplayFormat(QLocale().timeFormat(QLocale.FormatType.ShortFormat))
    return editor
