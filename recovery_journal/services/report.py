"""The sponsor's progress report: what the person chose, gathered as plain blocks (no Qt).

Nothing marked private goes in unless the person ticked that very row or answer (its uid, or
``answer_key`` of the question, is in ``ReportChoices.private``). The blocks are laid out and
drawn by ``ui.report_pdf``; the words are in the report's language, whatever the window's
(``language_on_this_thread``).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from enum import Enum
from typing import Any

from recovery_journal.domain.daily import (
    AnswerKind,
    GratitudeEntry,
    Meeting,
    ReviewQuestion,
    longest_streak,
    yes_means,
)
from recovery_journal.domain.inventory import CHOICES, WORKSHEETS, Amend
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.sponsor_notes import AMENDS_LIST, About
from recovery_journal.domain.step_tools import PracticeEntry, ServiceEntry
from recovery_journal.domain.steps import Answer
from recovery_journal.domain.trends import Period, week_start, weekly_counts, yes_no_by_question
from recovery_journal.i18n import (
    _,
    decimal,
    language_on_this_thread,
    ngettext,
)
from recovery_journal.services.inventory import inventory_text
from recovery_journal.services.journal_identity import journal_id
from recovery_journal.services.labels import in_sentence, label
from recovery_journal.services.report_blocks import (
    Block,
    Chart,
    Heading,
    Paragraph,
    Part,
    Reply,
    Report,
    Table,
    WeeklyCounts,
)
from recovery_journal.services.report_choices import (
    DATED,
    SECTION_TITLES,
    ReportChoices,
    Section,
    answer_key,
    note_key,
)
from recovery_journal.services.report_dates import (
    long_date,
    short_date,
)
from recovery_journal.services.report_letter import letter_blocks
from recovery_journal.services.report_options import (
    first_entry,
    question_names,
)
from recovery_journal.services.review import YES_MEANS_WORDS, question_text, review_day
from recovery_journal.services.steps import load_step, overview
from recovery_journal.services.trends import ChartRange, ChartsView, load_charts

# The sections that are one item a sponsor can write about, as a whole.
SECTION_ITEMS = {Section.AMENDS: str(About.amends()), Section.REVIEWS: str(About.reviews())}
QUESTION_LEVEL = 4  # a step's question: a small heading above its answer
GRATITUDE_HIGHLIGHTS = 10  # the most recent lines in the range; the rest are counted
LATEST_SERVICE = 5  # the latest times of service shown; the rest are counted
# Longer lists, over at least three weeks, are summarised: a count and a small weekly chart.
SHORT_LIST = 12
WEEKLY_FROM_DAYS = 21
WEEKLY_ASPECT = 0.22  # a weekly chart's height over its width: a strip, not half a page


# --- gathering ---------------------------------------------------------------------------------


def _day(value: date | None) -> str:
    return short_date(value) if value else ""


def _kept(rows: Iterable[Any], choices: ReportChoices) -> list[Any]:
    """Rows without the private mark, and private ones the person ticked one by one."""
    return [row for row in rows if not getattr(row, "private", False) or row.uid in choices.private]


def _answer_kept(answer: Answer, choices: ReportChoices) -> bool:
    return not answer.private or answer_key(answer.question_id) in choices.private


def _in_range(day: date, first: date, last: date) -> bool:
    return first <= day <= last


def build_report(vault: Vault, choices: ReportChoices, today: date | None = None) -> Report:
    """Everything chosen, in the report's language; read on the vault worker."""
    today = today or review_day(vault)
    last = min(choices.last or today, today)
    first = choices.first or first_entry(vault, last)
    first = min(first, last)
    with language_on_this_thread(choices.language):
        made_on_text = long_date(today)
        parts = []
        empty: list[Section] = []
        for section in Section:
            if section not in choices.sections:
                continue
            builder = _BUILDERS[section]
            blocks, landscape = builder(vault, replace(choices, first=first, last=last), today)
            if blocks:
                about = (SECTION_ITEMS[section],) if section in SECTION_ITEMS else ()
                parts.append(
                    Part(section, _(SECTION_TITLES[section]), tuple(blocks), landscape, about)
                )
            else:
                empty.append(section)
        # A section with nothing to show takes no page: one quiet line at the end names them.
        closing = _nothing_in([_(SECTION_TITLES[s]) for s in empty if s in DATED], dated=True)
        closing += _nothing_in([_(SECTION_TITLES[s]) for s in empty if s not in DATED])
        if closing:
            parts.append(Part(None, "", tuple(closing)))
        appendix = (
            _appendix(vault, replace(choices, first=first, last=last)) if choices.appendix else []
        )
        if appendix:
            parts.append(Part(None, _("Appendix: the full lists"), tuple(appendix)))
        return Report(
            title=_("Progress report"),
            made_on=today,
            made_on_text=made_on_text,
            first=first,
            last=last,
            language=choices.language,
            paper=choices.paper,
            parts=tuple(parts),
            journal_id=journal_id(vault),
            report_id=secrets.token_hex(16),  # this report's own: a reply names what it answers
        )


def _nothing_in(titles: list[str], dated: bool = False) -> list[Block]:
    if not titles:
        return []
    names = ", ".join(in_sentence(title) for title in titles)
    text = (
        _("Nothing between these dates: {names}.") if dated else _("Nothing written yet: {names}.")
    )
    return [Paragraph(text.format(names=names), quiet=True)]


Built = tuple[list[Block], bool]


def _cover(vault: Vault, choices: ReportChoices, today: date) -> Built:
    # The first page is a letter to the sponsor (services.report_letter).
    return letter_blocks(vault, choices, today), False


def _steps(vault: Vault, choices: ReportChoices, today: date) -> Built:
    cards = overview(vault, choices.language).cards
    rows = tuple(
        (
            str(card.number),
            card.title,
            label(card.status),
            _("{answered} of {questions}").format(answered=card.answered, questions=card.questions),
            _day(card.started_on),
            _day(card.completed_on),
        )
        for card in cards
    )
    columns = (_("Step"), _("Title"), _("Status"), _("Answered"), _("Started"), _("Done"))
    return [Table(columns, rows, (2, 7, 3, 3, 3, 3))], False


def _answers(vault: Vault, choices: ReportChoices, today: date) -> Built:
    blocks: list[Block] = []
    shown = False
    # No step picked: every step that has answers.
    for number in sorted(set(choices.steps or range(1, 13))):
        view = load_step(vault, number, choices.language)
        answered = [
            (q, view.answers[q.id])
            for q in view.questions
            if q.id in view.answers
            and view.answers[q.id].text.strip()
            and _answer_kept(view.answers[q.id], choices)
        ]
        step = str(About.step(number))
        blocks.append(
            Heading(
                _("Step {number}. {title}").format(number=number, title=view.guide.title),
                3,
                (step,),
            )
        )
        if not answered and not choices.steps:
            blocks.pop()  # a step never worked is left out when none was picked
            continue
        if view.progress.wording and view.progress.wording.strip():
            # The step as I put it in my own words, under its title.
            blocks.append(
                Paragraph(
                    _("In my own words: “{wording}”").format(wording=view.progress.wording.strip()),
                    about=(step,),
                )
            )
        if not answered:
            blocks.append(Paragraph(_("No answers written yet."), quiet=True))
            continue
        # A conversation: each question, numbered as the step's page numbers it, then my answer
        # under it (a question is a heading, so it never ends a page without its answer).
        numbers = {q.id: n for n, q in enumerate(view.questions, start=1)}
        for question, answer in answered:
            about = (step, str(About.answer(number, question.id)))
            asked = _("{number}. {question}").format(
                number=numbers[question.id], question=question.text
            )
            blocks.append(Heading(asked, QUESTION_LEVEL, about))
            blocks.append(Paragraph(answer.text.strip(), about=about))
        blocks.append(Reply(step, _("Your note on my step {number} answers").format(number=number)))
        shown = True
    return (blocks, False) if shown else ([], False)  # no answer at all: nothing to show


def _cell(value: Any, text: Any, name: str) -> str:
    if isinstance(value, frozenset):
        return ", ".join(text.option(name, key) for key in CHOICES[name] if key in value)
    if isinstance(value, Enum):
        return label(value)
    if isinstance(value, date):
        return short_date(value)
    return str(value or "")


def _worksheets(vault: Vault, choices: ReportChoices, today: date) -> Built:
    text = inventory_text(choices.language)
    blocks: list[Block] = []
    empty = []
    for sheet in choices.worksheets or tuple(WORKSHEETS):  # none picked: all four
        record_type = WORKSHEETS[sheet]
        rows = _kept(vault.records.all(record_type), choices)
        columns = text.worksheets[sheet]["columns"]
        if not rows:
            empty.append(str(text.worksheets[sheet]["title"]))
            continue
        item = str(About.worksheet(sheet))
        blocks.append(Heading(str(text.worksheets[sheet]["title"]), 3, (item,)))
        blocks.append(
            Table(
                tuple(str(title) for title in columns.values()),
                tuple(
                    tuple(_cell(getattr(row, name), text, name) for name in columns) for row in rows
                ),
                about=(item,),
                row_about=tuple(str(About.row(sheet, row.uid)) for row in rows),
            )
        )
        blocks.append(Reply(item, _("Your note on this worksheet")))
    if not blocks:
        return [], False
    return [*blocks, *_nothing_in(empty)], True


def _amends(vault: Vault, choices: ReportChoices, today: date) -> Built:
    text = inventory_text(choices.language)
    rows = _kept(vault.records.all(Amend), choices)
    step8, step9 = text.worksheets["step8"]["columns"], text.worksheets["step9"]["columns"]
    if not rows:
        return [], False
    table = Table(
        (
            step8["person"],
            step8["my_part"],
            step8["harm"],
            step8["willingness"],
            step9["kind"],
            step9["status"],
            step9["made_on"],
        ),
        tuple(
            (
                row.person,
                # My part, as ticked on the worksheet: what step 8 is about (their part, the
                # cause, stays with the resentments section).
                _cell(row.my_part, text, "my_part"),
                row.harm,
                label(row.willingness),
                label(row.kind),
                label(row.status),
                _day(row.made_on),
            )
            for row in rows
        ),
        (3, 3, 4, 3, 3, 3, 3),
        about=(str(About.amends()),),
        row_about=tuple(str(About.row(AMENDS_LIST, row.uid)) for row in rows),
    )
    made = sum(1 for row in rows if row.status.value == "made")
    summary = ngettext(
        "{made} of {total} amend made.", "{made} of {total} amends made.", len(rows)
    ).format(made=made, total=len(rows))
    reply = Reply(str(About.amends()), _("Your note on my amends list"))
    return [Paragraph(summary, about=(str(About.amends()),)), table, reply], False


def _reviews(vault: Vault, choices: ReportChoices, today: date) -> Built:
    assert choices.first is not None and choices.last is not None
    reviews = list(vault.reviews.between(choices.first, choices.last))
    blocks: list[Block] = []
    if not reviews:
        return [], False
    longest = longest_streak({r.day for r in reviews})
    total_days = (choices.last - choices.first).days + 1
    blocks.append(
        Paragraph(
            _("{reviews} in {days}; the longest run: {longest} in a row.").format(
                reviews=ngettext(
                    "{count} nightly review", "{count} nightly reviews", len(reviews)
                ).format(count=len(reviews)),
                days=ngettext("{n} day", "{n} days", total_days).format(n=total_days),
                longest=ngettext("{count} night", "{count} nights", longest).format(count=longest),
            )
        )
    )
    questions = [
        q for q in vault.records.all(ReviewQuestion) if not q.hidden and q.kind is AnswerKind.YES_NO
    ]
    answered = yes_no_by_question(reviews)
    rows = []
    for question in questions:
        given = answered.get(question.uid, {})
        yes = sum(given.values())
        share = f"{round(100 * yes / len(given))} %" if given else "—"
        rows.append((question_text(question), str(len(given)), str(yes), share))
    if rows:
        blocks.append(Heading(_('How often each question was answered "yes"'), 3))
        blocks.append(
            Table((_("Question"), _("Answered"), _("Yes"), _("Share")), tuple(rows), (8, 2, 2, 2))
        )
    picked = set(choices.notes)
    notes = []
    names = question_names(vault)
    for review in reviews:
        for answer in review.answers:
            if note_key(review.day, answer.question_uid) in picked and answer.note.strip():
                notes.append(
                    (short_date(review.day), names.get(answer.question_uid, ""), answer.note)
                )
    if notes:
        blocks.append(Heading(_("Notes I chose to share"), 3))
        blocks.append(Table((_("Night"), _("Question"), _("Note")), tuple(notes), (2, 4, 8)))
    blocks.append(Reply(str(About.reviews()), _("Your note on my nightly reviews")))
    return blocks, False


def _charts(vault: Vault, choices: ReportChoices, today: date) -> Built:
    assert choices.first is not None and choices.last is not None
    view = load_charts(vault, ChartRange.EVERYTHING, span=(choices.first, choices.last))
    if view.empty:
        return [], False
    blocks: list[Block] = [
        Paragraph(
            _(
                "Compared only with themselves: each scale from 0 to 10, with a 7-day average; "
                "gaps are nights without a review."
            ),
            quiet=True,
        ),
        Chart("trends", None, view),
        Chart("month", Period.MONTH, view),
    ]
    if view.questions:
        blocks += [
            Heading(_('Answered "yes", week by week'), 3),
            Chart("yes_answers", None, view, tuple(_yes_legend(view, q) for q in view.questions)),
        ]
    return blocks, False


def _between(rows: Iterable[Any], choices: ReportChoices) -> list[Any]:
    """The dated rows between the report's dates, oldest first (in the order written)."""
    assert choices.first is not None and choices.last is not None
    first, last = choices.first, choices.last
    kept = [row for row in rows if _in_range(row.day, first, last)]
    return sorted(kept, key=lambda row: (row.day, getattr(row, "position", 0)))


def _weekly(days: list[date], choices: ReportChoices, title: str) -> Chart:
    """A small chart of how many a week, with its average."""
    assert choices.first is not None and choices.last is not None
    counts = weekly_counts(days, choices.first, choices.last)
    weeks = ((choices.last - choices.first).days + 1) / 7
    mean = len(days) / weeks
    average = _("{n} a week on average").format(n=decimal(mean))
    first_monday = week_start(choices.first)
    return Chart(
        "weekly",
        None,
        WeeklyCounts(first_monday, choices.last, counts, title, mean, average),
        aspect=WEEKLY_ASPECT,
    )


def _summarised(rows: list[Any], choices: ReportChoices) -> bool:
    """A list too long to read in full goes in as a summary (in full in the appendix)."""
    assert choices.first is not None and choices.last is not None
    return len(rows) > SHORT_LIST and (choices.last - choices.first).days >= WEEKLY_FROM_DAYS


def _meeting_table(meetings: list[Meeting]) -> Table:
    rows = tuple(
        (short_date(m.day), m.name, label(m.format), _("yes") if m.shared else "") for m in meetings
    )
    return Table((_("Date"), _("Meeting"), _("Format"), _("Shared")), rows, (4, 10, 4, 4))


def _service_table(service: list[ServiceEntry]) -> Table:
    return Table(
        (_("Date"), _("Kind"), _("Notes")),
        tuple((short_date(e.day), label(e.kind), e.notes) for e in service),
        (2, 3, 8),
    )


def _practice_table(practice: list[PracticeEntry]) -> Table:
    return Table(
        (_("Date"), _("Kind"), _("Minutes"), _("Notes")),
        tuple((short_date(e.day), label(e.kind), str(e.minutes), e.notes) for e in practice),
        (2, 3, 2, 6),
    )


def _gratitude_table(lines: list[GratitudeEntry]) -> Table:
    return Table(
        (_("Date"), _("Grateful for")), tuple((short_date(g.day), g.text) for g in lines), (2, 10)
    )


def _yes_legend(view: ChartsView, question: ReviewQuestion) -> str:
    """A question in full, and what its "yes" says (its colour in the chart)."""
    return _("{question} — {yes_means}").format(
        question=view.names[question.uid], yes_means=_(YES_MEANS_WORDS[yes_means(question)])
    )


def _meetings(vault: Vault, choices: ReportChoices, today: date) -> Built:
    meetings = _between(vault.records.all(Meeting), choices)
    if not meetings:
        return [], False
    shared = sum(1 for m in meetings if m.shared)
    summary = ngettext(
        "{count} meeting; shared at {shared}.",
        "{count} meetings; shared at {shared}.",
        len(meetings),
    ).format(count=len(meetings), shared=shared)
    if not _summarised(meetings, choices):
        return [Paragraph(summary), _meeting_table(meetings)], False
    chart = _weekly([m.day for m in meetings], choices, _("Meetings each week"))
    return [Paragraph(summary), chart], False


def _practice(vault: Vault, choices: ReportChoices, today: date) -> Built:
    service = _between(vault.records.all(ServiceEntry), choices)
    practice = _between(vault.records.all(PracticeEntry), choices)
    blocks: list[Block] = []
    if service:
        blocks.append(Heading(_("Service"), 3))
        if len(service) > LATEST_SERVICE:
            blocks.append(
                Paragraph(
                    ngettext(
                        "{count} time of service; the latest {shown}:",
                        "{count} times of service; the latest {shown}:",
                        len(service),
                    ).format(count=len(service), shown=LATEST_SERVICE)
                )
            )
        blocks.append(_service_table(service[-LATEST_SERVICE:]))
    if practice:
        minutes = sum(e.minutes for e in practice)
        blocks.append(Heading(_("Prayer and meditation"), 3))
        blocks.append(
            Paragraph(
                _("{times}, {minutes} in all.").format(
                    times=ngettext("{count} time", "{count} times", len(practice)).format(
                        count=len(practice)
                    ),
                    minutes=ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes),
                )
            )
        )
        if _summarised(practice, choices):
            blocks.append(
                _weekly([e.day for e in practice], choices, _("Prayer and meditation each week"))
            )
        else:
            blocks.append(_practice_table(practice))
    return blocks, False


def _gratitude(vault: Vault, choices: ReportChoices, today: date) -> Built:
    lines = [g for g in _between(vault.records.all(GratitudeEntry), choices) if g.text.strip()]
    if not lines:
        return [], False
    # In the order written, as the other lists: the most recent ones when there are many.
    shown = lines[-GRATITUDE_HIGHLIGHTS:]
    blocks: list[Block] = []
    if len(lines) > len(shown):
        blocks.append(
            Paragraph(
                ngettext(
                    "The most recent {shown} of {total} line.",
                    "The most recent {shown} of {total} lines.",
                    len(lines),
                ).format(shown=len(shown), total=len(lines)),
                quiet=True,
            )
        )
    blocks.append(_gratitude_table(shown))
    return blocks, False


def _appendix(vault: Vault, choices: ReportChoices) -> list[Block]:
    """The long lists in full, where the sections above summarised them."""
    blocks: list[Block] = []
    sections = choices.sections
    if Section.MEETINGS in sections:
        meetings = _between(vault.records.all(Meeting), choices)
        if _summarised(meetings, choices):
            blocks += [Heading(_(SECTION_TITLES[Section.MEETINGS]), 3), _meeting_table(meetings)]
    if Section.PRACTICE in sections:
        service = _between(vault.records.all(ServiceEntry), choices)
        if len(service) > LATEST_SERVICE:
            blocks += [Heading(_("Service"), 3), _service_table(service)]
        practice = _between(vault.records.all(PracticeEntry), choices)
        if _summarised(practice, choices):
            blocks += [Heading(_("Prayer and meditation"), 3), _practice_table(practice)]
    if Section.GRATITUDE in sections:
        lines = [g for g in _between(vault.records.all(GratitudeEntry), choices) if g.text.strip()]
        if len(lines) > GRATITUDE_HIGHLIGHTS:
            blocks += [Heading(_(SECTION_TITLES[Section.GRATITUDE]), 3), _gratitude_table(lines)]
    return blocks


_BUILDERS = {
    Section.COVER: _cover,
    Section.STEPS: _steps,
    Section.ANSWERS: _answers,
    Section.WORKSHEETS: _worksheets,
    Section.AMENDS: _amends,
    Section.REVIEWS: _reviews,
    Section.CHARTS: _charts,
    Section.MEETINGS: _meetings,
    Section.PRACTICE: _practice,
    Section.GRATITUDE: _gratitude,
}
