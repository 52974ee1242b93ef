"""The report's first page: a short letter from the person to their sponsor (no Qt).

The period at a glance (clean time and the milestones reached in it, nights reviewed, the step
being worked, meetings a week, how the scales moved against the period before of the same
length), what the person wants to talk over (a note and questions, written in the report
dialog), the sponsor's earlier notes with the person's answers, and the places for the sponsor's
own words. The figures are gathered as plain values (``Glance``), then said in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from recovery_journal.domain.clean_time import Span, milestone_dates, span
from recovery_journal.domain.daily import Meeting, RatingDimension
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.reply_layout import SPONSOR_NAME
from recovery_journal.domain.sponsor_notes import About, SponsorNote
from recovery_journal.domain.steps import StepStatus
from recovery_journal.domain.trends import Verdict, judge, period_mean, ratings_by_dimension
from recovery_journal.i18n import _, decimal, ngettext
from recovery_journal.services.clean_time import load_clean_times, milestone_name, span_text
from recovery_journal.services.programme_words import programme_words
from recovery_journal.services.report_blocks import Block, Heading, Paragraph, Reply, Table
from recovery_journal.services.report_choices import ReportChoices
from recovery_journal.services.report_dates import long_date, one_full_stop, without_year
from recovery_journal.services.review import dimension_name
from recovery_journal.services.settings import load_settings
from recovery_journal.services.sponsor_notes import all_notes, item_names
from recovery_journal.services.steps import continue_step, overview

MILESTONES_NAMED = 3  # more reached in the period: counted, the latest named
ANSWERED_NOTES = 8  # the sponsor's notes with my answers on the letter, newest first


@dataclass(frozen=True, slots=True)
class CleanGlance:
    name: str  # the counter's name ("" for the programme's word)
    since: date  # the current run's first day
    span: Span  # at the period's end
    reached: tuple[str, ...]  # milestones reached between the report's dates, in words


@dataclass(frozen=True, slots=True)
class StepGlance:
    number: int
    title: str
    answered: int
    questions: int


@dataclass(frozen=True, slots=True)
class ScaleGlance:
    name: str
    now: float | None  # the mean between the report's dates
    before: float | None  # the mean in as many days just before
    lower_is_better: bool
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class Glance:
    """The period's figures, as plain values."""

    days: int  # in the period, both ends counted
    reviewed: int  # nights with a review
    clean: tuple[CleanGlance, ...]
    step: StepGlance | None  # the step being worked, if one is
    meetings: int
    scales: tuple[ScaleGlance, ...]

    @property
    def meetings_a_week(self) -> float:
        return self.meetings * 7 / self.days


def glance(vault: Vault, first: date, last: date, language: str) -> Glance:
    days = (last - first).days + 1
    reviewed = sum(1 for day in vault.reviews.days() if first <= day <= last)
    clean = []
    for item in load_clean_times(vault, last):
        if item.since > last:
            continue  # a date still ahead at the period's end
        reached = tuple(
            milestone_name(m) for m in milestone_dates(item.since) if first <= m.on <= last
        )
        clean.append(CleanGlance(item.clean.name, item.since, span(item.since, last), reached))
    cards = overview(vault, language).cards
    working = [card for card in cards if card.status is StepStatus.WORKING]
    current = continue_step(vault)
    card = next((c for c in working if c.number == current), working[0] if working else None)
    step = StepGlance(card.number, card.title, card.answered, card.questions) if card else None
    meetings = sum(1 for m in vault.records.all(Meeting) if first <= m.day <= last)
    before_first = first - timedelta(days=days)
    ratings = ratings_by_dimension(vault.reviews.between(before_first, last))
    scales = []
    for dimension in vault.records.all(RatingDimension):
        if dimension.hidden:
            continue
        values = ratings.get(dimension.uid, {})
        now = period_mean(values, first, last)
        before = period_mean(values, before_first, first - timedelta(days=1))
        if now is None and before is None:
            continue
        scales.append(
            ScaleGlance(
                dimension_name(dimension),
                now,
                before,
                dimension.lower_is_better,
                judge(now, before, dimension.lower_is_better),
            )
        )
    return Glance(days, reviewed, tuple(clean), step, meetings, tuple(scales))


# --- in words -------------------------------------------------------------------------------


def period_text(first: date, last: date, today: date) -> str:
    return one_full_stop(
        _("From {first} to {last}. Made on {today}.").format(
            first=without_year(first) if first.year == last.year else long_date(first),
            last=long_date(last),
            today=long_date(today),
        )
    )


def glance_lines(seen: Glance, time_word: str) -> list[str]:
    """The period at a glance, a sentence each, in the first person."""
    lines = []
    for clean in seen.clean:
        line = _("{what}: {span}, since {since}.").format(
            what=clean.name or time_word, span=span_text(clean.span), since=long_date(clean.since)
        )
        if len(clean.reached) > MILESTONES_NAMED:  # years of them: the count and the latest
            line += " " + ngettext(
                "Reached in these dates: {count} milestone, the latest {latest}.",
                "Reached in these dates: {count} milestones, the latest {latest}.",
                len(clean.reached),
            ).format(count=len(clean.reached), latest=clean.reached[-1])
        elif clean.reached:
            line += " " + _("Reached in these dates: {milestones}.").format(
                milestones=", ".join(clean.reached)
            )
        lines.append(one_full_stop(line))
    lines.append(
        ngettext(
            "Nightly reviews: {reviewed} of {days} night.",
            "Nightly reviews: {reviewed} of {days} nights.",
            seen.days,
        ).format(reviewed=seen.reviewed, days=seen.days)
    )
    if seen.step is not None:
        lines.append(
            ngettext(
                "I am working step {number}, “{title}”: {answered} of {questions} question "
                "answered so far.",
                "I am working step {number}, “{title}”: {answered} of {questions} questions "
                "answered so far.",
                seen.step.questions,
            ).format(
                number=seen.step.number,
                title=seen.step.title,
                answered=seen.step.answered,
                questions=seen.step.questions,
            )
        )
    if not seen.meetings:
        lines.append(_("No meetings logged in these dates."))
    elif seen.days >= 7:
        lines.append(
            ngettext(
                "Meetings: {count}, about {per_week} a week.",
                "Meetings: {count}, about {per_week} a week.",
                seen.meetings,
            ).format(count=seen.meetings, per_week=decimal(seen.meetings_a_week))
        )
    else:
        lines.append(_("Meetings: {count}.").format(count=seen.meetings))
    return lines


def _verdict(verdict: Verdict) -> str:
    return {
        Verdict.BETTER: _("better"),
        Verdict.SAME: _("about the same"),
        Verdict.LOWER: _("harder"),
        Verdict.UNKNOWN: "",
    }[verdict]


def _mean(value: float | None) -> str:
    return "—" if value is None else decimal(value)


def scales_table(seen: Glance) -> Table:
    before = ngettext("The {n} day before", "The {n} days before", seen.days).format(n=seen.days)
    rows = tuple(
        (
            _scale_name(scale),
            _mean(scale.before),
            _mean(scale.now),
            _verdict(scale.verdict),
        )
        for scale in seen.scales
    )
    return Table((_("Scale, on average"), before, _("These dates"), _("So")), rows, (5, 3, 3, 3))


def _scale_name(scale: ScaleGlance) -> str:
    return scale.name + (" " + _("(lower is better)") if scale.lower_is_better else "")


def scales_line(seen: Glance) -> str:
    return _("My scales on average: {scales}.").format(
        scales="; ".join(f"{_scale_name(scale)} {_mean(scale.now)}" for scale in seen.scales)
    )


def letter_blocks(vault: Vault, choices: ReportChoices, today: date) -> list[Block]:
    """The first page, in the report's language (set on this thread)."""
    assert choices.first is not None and choices.last is not None
    report = str(About.report())
    blocks: list[Block] = [Heading(_("Progress report"), 1)]
    if choices.name.strip():
        blocks.append(Heading(choices.name.strip(), 2))
    blocks.append(Paragraph(period_text(choices.first, choices.last, today)))
    seen = glance(vault, choices.first, choices.last, choices.language)
    words = programme_words(load_settings(vault).programme)
    blocks.append(Heading(_("These dates at a glance"), 3))
    blocks += [Paragraph(line) for line in glance_lines(seen, words.time)]
    if any(scale.before is not None for scale in seen.scales):
        blocks.append(scales_table(seen))
    elif seen.scales:  # nothing to compare with: the averages in one line
        blocks.append(Paragraph(scales_line(seen)))
    if choices.letter.strip() or choices.questions:
        blocks.append(Heading(_("What I would like to talk over"), 3, (report,)))
        if choices.letter.strip():
            blocks.append(Paragraph(choices.letter.strip(), about=(report,)))
        if choices.questions:
            blocks.append(Paragraph(_("My questions:"), quiet=True, about=(report,)))
            numbered = "\n".join(
                f"{number}. {question}" for number, question in enumerate(choices.questions, 1)
            )
            blocks.append(Paragraph(numbered, about=(report,)))
    blocks += _answered_notes(vault, choices.language)
    blocks.append(
        Paragraph(
            _(
                "Only what I chose to share is in this report; entries I marked private are "
                "left out. Made with Recovery Journal."
            ),
            quiet=True,
        )
    )
    blocks.append(Reply(report, _("Your note to me on this report")))
    blocks.append(Reply(SPONSOR_NAME, _("Your name"), lines=1))
    return blocks


def _answered_notes(vault: Vault, language: str) -> list[Block]:
    """The sponsor's earlier notes that I have answered, newest first: my answers reach them."""
    answered: list[SponsorNote] = [n for n in all_notes(vault) if n.answer.strip()]
    if not answered:
        return []
    shown = answered[:ANSWERED_NOTES]
    names = item_names(vault, (note.about for note in shown), language)
    blocks: list[Block] = [Heading(_("Your earlier notes, and my answers"), 3)]
    for note in shown:
        about = (str(note.about),)
        said = _("{item} · you wrote on {day}:").format(
            item=names[note.about].text, day=long_date(note.written_on)
        )
        blocks.append(Paragraph(said, quiet=True, about=about))
        words = note.text.strip()
        # In quotation marks, unless the sponsor wrote their own around the words.
        quoted = words if words[:1] in "«“\"„'" else _("“{words}”").format(words=words)
        blocks.append(Paragraph(quoted, about=about))
        blocks.append(
            Paragraph(_("My answer: {answer}").format(answer=note.answer.strip()), about=about)
        )
    if len(answered) > len(shown):
        left = len(answered) - len(shown)
        blocks.append(
            Paragraph(
                ngettext(
                    "{count} earlier answer is not repeated here.",
                    "{count} earlier answers are not repeated here.",
                    left,
                ).format(count=left),
                quiet=True,
            )
        )
    return blocks
