"""What each stored value is called on screen, in the current language."""

from __future__ import annotations

from enum import Enum

from recovery_journal.domain.daily import AnswerKind, MeetingFormat
from recovery_journal.domain.inventory import AmendsKind, AmendsStatus, Willingness
from recovery_journal.domain.step_tools import DefectState, PracticeKind, ServiceKind, Step1List
from recovery_journal.domain.steps import StepStatus
from recovery_journal.i18n import _, current_language
from recovery_journal.services.inventory import inventory_text

_INVENTORY_GROUPS: dict[type, str] = {
    Willingness: "willingness",
    AmendsKind: "amends_kind",
    AmendsStatus: "amends_status",
}


def label(value: Enum) -> str:
    group = _INVENTORY_GROUPS.get(type(value))
    if group is not None:
        # The inventory's words live with its other text in the package's
        # resources/inventory/<language>.json.
        return inventory_text(current_language()).option(group, value.value)
    labels = {
        StepStatus.NOT_STARTED: _("Not started"),
        StepStatus.WORKING: _("Working on it"),
        StepStatus.DONE: _("Done"),
        DefectState.WORKING: _("Working on it"),
        DefectState.READY: _("Ready to let go"),
        PracticeKind.PRAYER: _("Prayer"),
        PracticeKind.MEDITATION: _("Meditation"),
        PracticeKind.READING: _("Reading"),
        PracticeKind.OTHER: _("Other"),
        ServiceKind.SPONSORSHIP: _("Sponsorship"),
        ServiceKind.MEETING_SERVICE: _("Service at a meeting"),
        ServiceKind.CARRYING_MESSAGE: _("Carrying the message"),
        ServiceKind.OTHER: _("Other"),
        Step1List.POWERLESSNESS: _("Examples of powerlessness"),
        Step1List.UNMANAGEABILITY: _("Examples of unmanageability"),
        AnswerKind.YES_NO: _("Yes or no, and a note"),
        AnswerKind.TEXT: _("A note"),
        MeetingFormat.IN_PERSON: _("In person"),
        MeetingFormat.ONLINE: _("Online"),
    }
    return labels[value]


def in_sentence(title: str) -> str:
    """A title inside a sentence: "Meetings" becomes "meetings", "A4" and "AA" stay."""
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title
