"""The words each fellowship counts its time in, declared once (docs/glossary.md's first table).

AA members count sober time («трезвость»), NA members clean time («чистое время»), a person in
another programme abstinence («воздержание»). The programme chosen in Settings picks the row;
every page, chart, report and command line that names the counted time asks here, so an AA
journal never says "clean" and an NA journal never «трезвость». Each programme's sentence is a
whole message of its own (never a word put into a shared sentence): Russian needs the word's
case to agree with the sentence around it, and a translator sees each sentence whole.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass

from recovery_journal.domain.steps import Programme
from recovery_journal.i18n import N_, _


@dataclass(frozen=True, slots=True)
class ProgrammeWords:
    time: str  # the counted time: a counter's name when it has none, the report's heading
    tab: str  # the practice page's tab, with its accelerator
    page: str  # the practice page's title in the list of pages
    counter: str  # "{name}: {days} sober", {days} being "45 days"
    date_label: str  # the field that picks a counter, with its accelerator
    dates: str  # the table of counters
    add_hint: str  # above that table
    no_date: str  # the practice page before the first counter
    no_date_runs: str  # the charts page before the first counter
    runs_title: str  # the chart of runs
    summary_line: str  # the command line's summary, one counter
    summary_none: str  # the command line's summary before the first counter
    guide_heading: str  # the first-run guide's section about counting
    guide_text: str


_WORDS = {
    Programme.ALCOHOL: ProgrammeWords(
        time=N_("Sober time"),
        tab=N_("Sober &time"),
        page=N_("Sober time and meetings"),
        counter=N_("{name}: {days} sober"),
        date_label=N_("&Sober date:"),
        dates=N_("Sober dates"),
        add_hint=N_("Add what you stay sober from and the day your sober time began."),
        no_date=N_("No sober date yet. Add one on the right and the counter will appear here."),
        no_date_runs=N_(
            "No sober date yet. Add one on the “Sober time and meetings” page to see your runs "
            "here."
        ),
        runs_title=N_("Runs of sober time; ▲ a milestone reached"),
        summary_line=N_("{name}: {days} sober ({span}) since {since}; longest run {longest}"),
        summary_none=N_("No sober date yet: add one on the “Sober time and meetings” page."),
        guide_heading=N_("Sober time"),
        guide_text=N_(
            "On the page Sober time and meetings, add your sober date. The app counts the days "
            "and marks the milestones with a calm note. If you slip, it starts the count again "
            "the next day and keeps what you learned; the history stays yours."
        ),
    ),
    Programme.DRUGS: ProgrammeWords(
        time=N_("Clean time"),
        tab=N_("&Clean time"),
        page=N_("Clean time and meetings"),
        counter=N_("{name}: {days} clean"),
        date_label=N_("&Clean date:"),
        dates=N_("Clean dates"),
        add_hint=N_("Add what you stay clean from and the day your clean time began."),
        no_date=N_("No clean date yet. Add one on the right and the counter will appear here."),
        no_date_runs=N_(
            "No clean date yet. Add one on the “Clean time and meetings” page to see your runs "
            "here."
        ),
        runs_title=N_("Runs of clean time; ▲ a milestone reached"),
        summary_line=N_("{name}: {days} clean ({span}) since {since}; longest run {longest}"),
        summary_none=N_("No clean date yet: add one on the “Clean time and meetings” page."),
        guide_heading=N_("Clean time"),
        guide_text=N_(
            "On the page Clean time and meetings, add your clean date. The app counts the days "
            "and marks the milestones with a calm note. If you slip, it starts the count again "
            "the next day and keeps what you learned; the history stays yours."
        ),
    ),
    Programme.GENERIC: ProgrammeWords(
        time=N_("Abstinence"),
        tab=N_("&Abstinence"),
        page=N_("Abstinence and meetings"),
        counter=N_("{name}: {days} abstinent"),
        date_label=N_("&Start date:"),
        dates=N_("Start dates"),
        add_hint=N_("Add what you abstain from and the day your abstinence began."),
        no_date=N_("No start date yet. Add one on the right and the counter will appear here."),
        no_date_runs=N_(
            "No start date yet. Add one on the “Abstinence and meetings” page to see your runs "
            "here."
        ),
        runs_title=N_("Runs of abstinence; ▲ a milestone reached"),
        summary_line=N_("{name}: {days} abstinent ({span}) since {since}; longest run {longest}"),
        summary_none=N_("No start date yet: add one on the “Abstinence and meetings” page."),
        guide_heading=N_("Abstinence"),
        guide_text=N_(
            "On the page Abstinence and meetings, add the day your abstinence began. The app "
            "counts the days and marks the milestones with a calm note. If you slip, it starts "
            "the count again the next day and keeps what you learned; the history stays yours."
        ),
    ),
}


def programme_words(programme: Programme) -> ProgrammeWords:
    """The programme's words in the language of this thread (the window's, or a report's)."""
    return ProgrammeWords(*(_(message) for message in astuple(_WORDS[programme])))
