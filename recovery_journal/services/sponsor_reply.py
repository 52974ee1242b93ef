"""The sponsor's reply: a report they wrote in, read, shown, and kept beside its items.

The sponsor answers in the report's own boxes and with notes on its pages, in any PDF reader,
and sends the file back. ``read_reply_file`` reads it, checks that it answers a report of this
journal (by the journal's identifier the report carries, none of the person's words), and makes
each comment a ``SponsorNote`` on its item; the person sees them (``ReplyPreview``) before
``keep_reply`` keeps the ones not kept before. A reply imported twice adds nothing.

What cannot be read is one ``ReplyProblem``: a sentence that says what happened and what to do.
Nothing is kept then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from recovery_journal.domain.ports import Vault
from recovery_journal.domain.sponsor_notes import (
    About,
    NotAnItem,
    SponsorNote,
    about_from_text,
    note_from_reply,
)
from recovery_journal.errors import JournalError
from recovery_journal.i18n import _
from recovery_journal.services.changes import Changed
from recovery_journal.services.journal_identity import journal_id
from recovery_journal.services.reply_form import (
    NEEDS_PASSWORD,
    NOT_A_REPORT,
    WRONG_PASSWORD,
    ReplyUnreadable,
    read_reply,
)
from recovery_journal.services.sponsor_notes import ItemName, all_notes, item_names, keep_notes

LARGEST_REPLY = 512 * 1024 * 1024  # a report is a few MB; a file far larger is no reply


class ReplyProblem(JournalError):
    """A file that brought nothing to keep, with the sentence to show. ``needs_password``: ask
    for the report's password and try again."""

    def __init__(self, sentence: str, *, needs_password: bool = False) -> None:
        super().__init__(sentence)
        self.sentence = sentence
        self.needs_password = needs_password


@dataclass(frozen=True, slots=True)
class ReplyPreview:
    """What came back, before it is kept."""

    notes: tuple[SponsorNote, ...]  # every comment in the reply, in the report's order
    new: frozenset[str]  # the uids of those not kept before
    names: dict[About, ItemName]  # what each is about, in words
    sponsor: str
    report_made_on: date | None
    unknown: int  # comments on items this app cannot name (a newer app's report), left out


def _sentence(reason: str) -> ReplyProblem:
    if reason == NEEDS_PASSWORD:
        return ReplyProblem(
            _("This reply is protected by the report's password: type it to open it."),
            needs_password=True,
        )
    if reason == WRONG_PASSWORD:
        return ReplyProblem(
            _("That is not the report's password, so nothing was kept: try it again."),
            needs_password=True,
        )
    if reason == NOT_A_REPORT:
        return ReplyProblem(
            _(
                "This PDF is not a progress report from Recovery Journal (or it was made before "
                "reports could be answered); nothing was kept."
            )
        )
    return ReplyProblem(
        _("This file is not a PDF that can be read, or it is damaged; nothing was kept.")
    )


def read_reply_bytes(
    vault: Vault, data: bytes, password: str | None, today: date, language: str
) -> ReplyPreview:
    """The reply in ``data``, checked against this journal; ReplyProblem if it brings nothing."""
    try:
        filled = read_reply(data, password)
    except ReplyUnreadable as unreadable:
        raise _sentence(unreadable.reason) from None
    layout = filled.layout
    if layout.journal_id != journal_id(vault):
        raise ReplyProblem(
            _("This reply answers a report from another journal, not this one; nothing was kept.")
        )
    try:
        made_on: date | None = date.fromisoformat(layout.made_on)
    except ValueError:
        made_on = None
    notes = []
    unknown = 0
    for position, comment in enumerate(filled.comments):
        try:
            about = about_from_text(comment.about)
        except NotAnItem:
            unknown += 1
            continue
        notes.append(
            note_from_reply(
                layout.journal_id,
                layout.report_id,
                about,
                comment.text,
                # The name the sponsor wrote in the report; else the name their reader put on
                # the note.
                sponsor=filled.sponsor or comment.author,
                written_on=comment.written_on or filled.saved_on or today,
                received_on=today,
                report_made_on=made_on,
                position=position,
            )
        )
    kept = {note.uid for note in all_notes(vault)}
    # The same words on the same item twice in one reply are one note.
    unique = tuple({note.uid: note for note in reversed(notes)}.values())[::-1]
    return ReplyPreview(
        notes=unique,
        new=frozenset(note.uid for note in unique if note.uid not in kept),
        names=item_names(vault, (note.about for note in unique), language),
        sponsor=filled.sponsor,
        report_made_on=made_on,
        unknown=unknown,
    )


def read_reply_file(
    vault: Vault, path: Path, password: str | None, today: date, language: str
) -> ReplyPreview:
    """The reply in the file at ``path``; ReplyProblem if it brings nothing."""
    try:
        if path.stat().st_size > LARGEST_REPLY:
            raise _sentence(NOT_A_REPORT)
        data = path.read_bytes()
    except OSError:
        raise ReplyProblem(
            _("The file {name} could not be read; nothing was kept.").format(name=path.name)
        ) from None
    return read_reply_bytes(vault, data, password, today, language)


def keep_reply(vault: Vault, preview: ReplyPreview) -> Changed[int]:
    """Keep the reply's notes not kept before; how many were new."""
    return keep_notes(vault, preview.notes)
