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

import hmac
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from recovery_journal.domain.ports import Vault
from recovery_journal.domain.reply_layout import journal_proof
from recovery_journal.domain.sponsor_notes import (
    About,
    NotAnItem,
    SponsorNote,
    about_from_text,
    note_from_reply,
    note_uid,
)
from recovery_journal.errors import JournalError
from recovery_journal.i18n import _, ngettext
from recovery_journal.services.changes import Changed
from recovery_journal.services.journal_identity import journal_id
from recovery_journal.services.reply_form import (
    FLATTENED,
    NEEDS_PASSWORD,
    NOT_A_REPORT,
    WRONG_PASSWORD,
    ReplyUnreadable,
    read_reply,
)
from recovery_journal.services.sponsor_notes import ItemName, all_notes, item_names, keep_notes

LARGEST_REPLY = 512 * 1024 * 1024  # a report is a few MB; a file far larger is no reply


class ReplyProblem(JournalError):
    """A file that brought nothing to keep, with the sentence to show and why (``reason``, one
    of reply_form's: the command line words a missing password its own way)."""

    def __init__(self, sentence: str, reason: str = "") -> None:
        super().__init__(sentence)
        self.sentence = sentence
        self.reason = reason

    @property
    def needs_password(self) -> bool:
        """Ask for the report's password and try again."""
        return self.reason in (NEEDS_PASSWORD, WRONG_PASSWORD)


@dataclass(frozen=True, slots=True)
class ReplyPreview:
    """What came back, before it is kept."""

    notes: tuple[SponsorNote, ...]  # every comment in the reply, in the report's order
    new: frozenset[str]  # the uids of those not kept before
    changed: frozenset[str]  # those kept before whose words the sponsor has since changed
    names: dict[About, ItemName]  # what each is about, in words
    sponsor: str
    report_made_on: date | None
    unknown: int  # comments this app cannot place or keep (a newer app's item, far too long)


def _sentence(reason: str) -> ReplyProblem:
    if reason == NEEDS_PASSWORD:
        return ReplyProblem(
            _("This reply is protected by the report's password: type it to open it."), reason
        )
    if reason == WRONG_PASSWORD:
        return ReplyProblem(
            _("That is not the report's password, so nothing was kept: try it again."), reason
        )
    if reason == FLATTENED:
        return ReplyProblem(
            _(
                "This report came back without its boxes (it was printed to PDF or flattened), so "
                "nothing was kept: ask your sponsor to save it in their reader instead."
            ),
            reason,
        )
    if reason == NOT_A_REPORT:
        return ReplyProblem(
            _(
                "This PDF is not a progress report from Recovery Journal (or it was made before "
                "reports could be answered); nothing was kept."
            ),
            reason,
        )
    return ReplyProblem(
        _("This file cannot be read as a PDF, or it is damaged; nothing was kept."), reason
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
    identifier = journal_id(vault)
    if not hmac.compare_digest(layout.journal_proof, journal_proof(identifier, layout.report_id)):
        raise ReplyProblem(
            _("This reply answers a report from another journal, not this one; nothing was kept."),
            NOT_A_REPORT,
        )
    try:
        made_on: date | None = date.fromisoformat(layout.made_on)
    except ValueError:
        made_on = None
    # A box's words are dated by the file's last save, if that came after the report was made
    # (readers often keep the report's own date); else by the day they came in.
    saved_on = (
        filled.saved_on if filled.saved_on and made_on and filled.saved_on > made_on else None
    )
    kept = {note.uid: note for note in all_notes(vault)}
    notes: dict[str, SponsorNote] = {}
    changed: set[str] = set()
    unknown = filled.left_out
    for position, comment in enumerate(filled.comments):
        try:
            about = about_from_text(comment.about)
        except NotAnItem:
            unknown += 1
            continue

        note = note_from_reply(
            identifier,
            layout.report_id,
            about,
            comment.text,
            # The name the sponsor wrote in the report; else the name their reader put on the
            # note.
            sponsor=filled.sponsor or comment.author,
            written_on=comment.written_on or saved_on or today,
            received_on=today,
            report_made_on=made_on,
            position=position,
            identity=comment.identity or None,
        )
        before = kept.get(note.uid)
        if before is not None and before.text != note.text:
            if before.answer.strip():
                # Answered already: the new words are a note of their own, and the answered one
                # stays as it was.
                note = replace(note, uid=note_uid(identifier, layout.report_id, about, note.text))
            else:
                changed.add(note.uid)
        notes.setdefault(note.uid, note)  # the same comment twice in one reply is one note
    return ReplyPreview(
        notes=tuple(notes.values()),
        new=frozenset(uid for uid in notes if uid not in kept),
        changed=frozenset(changed),
        names=item_names(vault, (note.about for note in notes.values()), language),
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


def left_out_text(count: int) -> str:
    """What a preview says of the comments it could not place or keep."""
    return ngettext(
        "{count} note is about something this version cannot show; it was left out.",
        "{count} notes are about something this version cannot show; they were left out.",
        count,
    ).format(count=count)


def keep_reply(vault: Vault, preview: ReplyPreview) -> Changed[int]:
    """Keep the reply's new notes, and the new words of those the sponsor changed since (an
    answer the person wrote stays with its note); how many notes were new or changed."""
    return keep_notes(vault, preview.notes, preview.changed)


def kept_text(count: int) -> str:
    """What the window and the command line say once a reply's notes are kept."""
    return ngettext(
        "Kept {count} note from your sponsor.", "Kept {count} notes from your sponsor.", count
    ).format(count=count)
