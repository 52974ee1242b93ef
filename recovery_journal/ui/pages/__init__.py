"""The pages of the main window, one module each."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from concurrent.futures import Future


class Page(Enum):
    """Every page of the main window, in navigation order. Later capabilities add members."""

    TODAY = "today"
    JOURNAL = "journal"
    REVIEW = "review"
    PRACTICE = "practice"
    CHARTS = "charts"

    STEPS = "steps"
    INVENTORY = "inventory"
    SPONSOR = "sponsor"  # what the sponsor wrote back, beside the step work it is about
    SETTINGS = "settings"
    ABOUT = "about"
    SEARCH = "search"


@runtime_checkable
class SavesEdits(Protocol):
    """A page (or dialog) holding words not yet saved: the window asks it to save them now and
    waits for the saves it returns (all of them, an empty list when nothing waits) before it
    closes or locks."""

    def save_now(self) -> list[Future[Any]]: ...


@runtime_checkable
class ShowsItems(Protocol):
    """A page that can show one item a search found (``hit``: a ``domain.search.SearchHit``)."""

    def show_item(self, hit: Any) -> None: ...


@runtime_checkable
class ShowsAbout(Protocol):
    """A page that can show the item a sponsor's note is about
    (``about``: a ``domain.sponsor_notes.About``)."""

    def show_about(self, about: Any) -> None: ...
