"""The sponsor's words beside what they are about: a quiet box under an answer, on a worksheet
or on the review page, and a small mark on a table's row with the words in its tooltip.

Quiet: the palette's alternate background and the text's own colour (light and dark alike), no
frame of alarm. Heard: the box's label is read by a screen reader, and the pages put the same
words in the description of the control they are about (an answer's editor, a table's row).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QByteArray, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QVBoxLayout, QWidget

from recovery_journal.domain.journal import shortened
from recovery_journal.domain.ports import Vault
from recovery_journal.domain.sponsor_notes import SponsorNote
from recovery_journal.i18n import _, ngettext
from recovery_journal.services.changes import Changes
from recovery_journal.services.sponsor_notes import all_notes
from recovery_journal.ui.dates import date_text
from recovery_journal.ui.operations import Operations


class NotesFeed(QObject):
    """The sponsor's notes a page shows beside its items: read now, and again whenever they
    change. A child of the page, so it goes with the page, and its connection with it."""

    def __init__(
        self,
        operations: Operations,
        page: QWidget,
        show: Callable[[list[SponsorNote]], object],
        load: Callable[[Vault], list[SponsorNote]] = all_notes,
    ) -> None:
        super().__init__(page)
        self._operations, self._page, self._show, self._load = operations, page, show, load
        operations.changed.connect(self._changed)
        self.reload()

    def reload(self) -> None:
        self._operations.run(self._load, self._show, owner=self._page)

    def _changed(self, changes: Changes) -> None:
        if changes.sponsor:
            self.reload()


NOTE_CHARS = 600  # a longer note is shown whole on the "From my sponsor" page
ANSWER_CHARS = 300


def note_heading(note: SponsorNote) -> str:
    """ "From my sponsor (Sam, December 3, 2026)", without a name where the sponsor gave none."""
    # The date may break here: whole, it made the box wider than a narrow column at 200 %.
    day = date_text(note.written_on).replace("\u00a0", " ")
    if note.sponsor:
        return _("From my sponsor ({name}, {date})").format(name=note.sponsor, date=day)
    return _("From my sponsor ({date})").format(date=day)


def _remark_lines(notes: Sequence[SponsorNote]) -> list[tuple[str, str]]:
    """(a heading, its words) for each line of a remark: the newest note (the first), the
    person's answer to it, and how many earlier ones there are."""
    if not notes:
        return []
    newest = notes[0]
    lines = [(note_heading(newest), shortened(newest.text, NOTE_CHARS))]
    if newest.answer.strip():
        lines.append((_("Your answer"), shortened(newest.answer.strip(), ANSWER_CHARS)))
    earlier = len(notes) - 1
    if earlier:
        lines.append(
            (
                "",
                ngettext(
                    "{count} earlier note is on the “From my sponsor” page.",
                    "{count} earlier notes are on the “From my sponsor” page.",
                    earlier,
                ).format(count=earlier),
            )
        )
    return lines


def remark_text(notes: Sequence[SponsorNote]) -> str:
    """The remark as plain text (a tooltip, what a screen reader says); empty for none."""
    return "\n".join(
        _("{heading}: {text}").format(heading=heading, text=text) if heading else text
        for heading, text in _remark_lines(notes)
    )


def remark_html(notes: Sequence[SponsorNote]) -> str:
    """The remark as rich text for the box: each heading in bold, the words as written."""
    return "<br>".join(
        (
            _("{heading}: {text}").format(
                heading=f"<b>{html.escape(heading)}</b>", text=_escaped(text)
            )
            if heading
            else _escaped(text)
        )
        for heading, text in _remark_lines(notes)
    )


@dataclass(frozen=True, slots=True)
class Remark:
    """What is said beside one item: as plain text (tooltips, screen readers) and rich."""

    text: str
    rich: str = ""


def remark_of(notes: Sequence[SponsorNote]) -> Remark:
    return Remark(remark_text(notes), remark_html(notes))


def _escaped(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class RemarkBox(QFrame):
    """The sponsor's words on one item, quietly; hidden while there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sponsor_remark")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        self.label = QLabel()
        self.label.setObjectName("sponsor_remark_text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label)
        self.hide()

    def text(self) -> str:
        """What the box says, as plain text (what a screen reader hears)."""
        return self.label.accessibleName()

    def set_text(self, text: str, rich: str = "") -> None:
        """Say ``text`` (``rich``: the same as rich text); an empty text hides the box."""
        self.label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        self.label.setText(rich or text)
        self.label.setAccessibleName(text)
        self.setVisible(bool(text))

    def show_notes(self, notes: Sequence[SponsorNote]) -> None:
        self.show_remark(remark_of(notes))

    def show_remark(self, remark: Remark | None) -> None:
        if remark is None:
            self.set_text("")
        else:
            self.set_text(remark.text, remark.rich)


# A speech bubble, drawn in the text's colour so it reads in light and dark themes.
_BUBBLE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
    '<path d="M2.5 2.5h11a1 1 0 0 1 1 1v6.5a1 1 0 0 1-1 1H7l-3.5 3v-3h-1a1 1 0 0 1-1-1V3.5'
    'a1 1 0 0 1 1-1z" fill="none" stroke="{colour}" stroke-width="1.3" stroke-linejoin="round"/>'
    '<path d="M4.5 5.5h7M4.5 8h5" stroke="{colour}" stroke-width="1.2" stroke-linecap="round"/>'
    "</svg>"
)


def remark_icon() -> QIcon:
    """The mark of a row the sponsor wrote about, in the text colour of the palette now."""
    app = QApplication.instance()
    colour = (
        app.palette().color(QPalette.ColorRole.Text)
        if isinstance(app, QApplication)
        else QColor("black")
    )
    return _icon(colour.name())


@cache
def _icon(colour: str) -> QIcon:
    renderer = QSvgRenderer(QByteArray(_BUBBLE.format(colour=colour).encode()))
    icon = QIcon()
    for size in (16, 24, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon
