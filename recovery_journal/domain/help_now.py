"""The people and numbers to reach when it gets hard: entered by the person, never suggested.

We invent no helpline: which one is right depends on the country, the fellowship and the person.
The one number given unasked is the emergency number, and only where it is certain: see
``emergency_number``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

MAX_FIELD = 200
MAX_CONTACTS = 50


@dataclass(frozen=True, slots=True)
class Contact:
    name: str = ""
    reach: str = ""  # a phone number, or how to reach them
    note: str = ""  # when to call, what to say, anything

    @property
    def empty(self) -> bool:
        return not (self.name.strip() or self.reach.strip() or self.note.strip())

    def cleaned(self) -> Contact:
        return Contact(
            self.name.strip()[:MAX_FIELD],
            self.reach.strip()[:MAX_FIELD],
            self.note.strip()[:MAX_FIELD],
        )

    def to_plain(self) -> dict[str, str]:
        return {"name": self.name, "reach": self.reach, "note": self.note}

    @classmethod
    def from_plain(cls, plain: Any) -> Contact:
        if not isinstance(plain, dict):
            return cls()
        values = (plain.get(key) for key in _KEYS)
        return cls(*(value if isinstance(value, str) else "" for value in values)).cleaned()


_KEYS = ("name", "reach", "note")


@dataclass(frozen=True, slots=True)
class HelpNow:
    sponsor: Contact = field(default_factory=Contact)
    people: tuple[Contact, ...] = ()  # trusted people: friends in the fellowship, family
    helplines: tuple[Contact, ...] = ()

    @property
    def empty(self) -> bool:
        return self.sponsor.empty and not self.people and not self.helplines

    def cleaned(self) -> HelpNow:
        """Trimmed, with empty rows left out and the lists kept to a sane length."""

        def kept(contacts: tuple[Contact, ...]) -> tuple[Contact, ...]:
            return tuple(c.cleaned() for c in contacts if not c.empty)[:MAX_CONTACTS]

        return HelpNow(self.sponsor.cleaned(), kept(self.people), kept(self.helplines))

    def to_plain(self) -> dict[str, Any]:
        return {
            "sponsor": self.sponsor.to_plain(),
            "people": [c.to_plain() for c in self.people],
            "helplines": [c.to_plain() for c in self.helplines],
        }

    @classmethod
    def from_plain(cls, plain: Any) -> HelpNow:
        """Whatever was stored, read as far as it makes sense (a damaged value reads as empty)."""
        if not isinstance(plain, dict):
            return cls()

        def contacts(key: str) -> tuple[Contact, ...]:
            value = plain.get(key)
            return tuple(Contact.from_plain(v) for v in value) if isinstance(value, list) else ()

        return cls(
            Contact.from_plain(plain.get("sponsor")), contacts("people"), contacts("helplines")
        ).cleaned()


# --- the emergency number -------------------------------------------------------------------------


class EmergencyArea(Enum):
    """Where an emergency number holds, said beside the number: the country is only a guess
    (the computer's region setting), so the person can see whether it is theirs."""

    EUROPE = "europe"
    RUSSIA = "russia"
    UNITED_KINGDOM = "united_kingdom"
    UNITED_STATES_AND_CANADA = "united_states_and_canada"
    AUSTRALIA = "australia"
    NEW_ZEALAND = "new_zealand"


@dataclass(frozen=True, slots=True)
class EmergencyNumber:
    numbers: tuple[str, ...]  # what to dial, the one people there know first: ("999", "112")
    area: EmergencyArea


# 112 answers in every member state of the European Union (EU law), and in the other EEA states
# and Switzerland. Small on purpose: a number is listed only where it is certain.
_EUROPE_112 = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK"  # the EU
    " IS LI NO CH".split()
)
_ELSEWHERE = {
    "RU": EmergencyNumber(("112",), EmergencyArea.RUSSIA),
    "GB": EmergencyNumber(("999", "112"), EmergencyArea.UNITED_KINGDOM),
    "US": EmergencyNumber(("911",), EmergencyArea.UNITED_STATES_AND_CANADA),
    "CA": EmergencyNumber(("911",), EmergencyArea.UNITED_STATES_AND_CANADA),
    "AU": EmergencyNumber(("000",), EmergencyArea.AUSTRALIA),
    "NZ": EmergencyNumber(("111",), EmergencyArea.NEW_ZEALAND),
}


def emergency_number(territory: str) -> EmergencyNumber | None:
    """The emergency number of a territory (an ISO 3166 code such as "DE"), or None where we
    do not list one: then the person is told to call their local emergency number."""
    code = territory.strip().upper()
    if code in _EUROPE_112:
        return EmergencyNumber(("112",), EmergencyArea.EUROPE)
    return _ELSEWHERE.get(code)
