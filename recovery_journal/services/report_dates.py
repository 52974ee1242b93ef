"""Dates in the report, in the report's language: written out here because the report is made
without Qt's locale (the command line, another language than the window's)."""

from __future__ import annotations

import re
from datetime import date

from recovery_journal.i18n import (
    N_,
    _,
)

# The window's styles (ui/dates.py, from Qt's locale data), written out here because the
# report is made without Qt's locale (the command line, another language than the window's):
# "December 6, 2026" and "Dec 6, 2026" in English, «6 декабря 2026» and «6 дек. 2026».
DATES = (
    N_("January {day}, {year}"), N_("February {day}, {year}"), N_("March {day}, {year}"),
    N_("April {day}, {year}"), N_("May {day}, {year}"), N_("June {day}, {year}"),
    N_("July {day}, {year}"), N_("August {day}, {year}"), N_("September {day}, {year}"),
    N_("October {day}, {year}"), N_("November {day}, {year}"), N_("December {day}, {year}"),
)  # fmt: skip


# The first day of a period whose last day is in the same year: the year is said once.
DAYS_OF_MONTHS = (
    N_("January {day}"), N_("February {day}"), N_("March {day}"), N_("April {day}"),
    N_("May {day}"), N_("June {day}"), N_("July {day}"), N_("August {day}"),
    N_("September {day}"), N_("October {day}"), N_("November {day}"), N_("December {day}"),
)  # fmt: skip


SHORT_DATES = (
    N_("Jan {day}, {year}"), N_("Feb {day}, {year}"), N_("Mar {day}, {year}"),
    N_("Apr {day}, {year}"), N_("May {day}, {year}"), N_("Jun {day}, {year}"),
    N_("Jul {day}, {year}"), N_("Aug {day}, {year}"), N_("Sep {day}, {year}"),
    N_("Oct {day}, {year}"), N_("Nov {day}, {year}"), N_("Dec {day}, {year}"),
)  # fmt: skip


def long_date(day: date) -> str:
    """ "November 23, 2026" / «23 ноября 2026 г.» in the report's language, in one piece."""
    return no_break(_(DATES[day.month - 1]).format(day=day.day, year=day.year))


def without_year(day: date) -> str:
    """ "November 7" / «7 ноября»: a period's first day when its year is said at its end."""
    return no_break(_(DAYS_OF_MONTHS[day.month - 1]).format(day=day.day))


def short_date(day: date) -> str:
    """ "Nov 23, 2026" / «23 нояб. 2026 г.»: a date in a table."""
    # May is short already: one message serves both (in Russian too: «6 мая 2026 г.»).
    return no_break(_(SHORT_DATES[day.month - 1]).format(day=day.day, year=day.year))


def one_full_stop(sentence: str) -> str:
    """A date that ends with its own full stop («2026 г.») ends the sentence with it: one, not
    two («по 6 декабря 2026 г.. Составлен…»)."""
    return re.sub(r"\.\.(?=\s|$)", ".", sentence)


def no_break(text: str) -> str:
    # A date never breaks across lines, in a sentence or a narrow column.
    return text.replace(" ", "\u00a0")
