"""The pages of the main window, one module each."""

from __future__ import annotations

from enum import Enum


class Page(Enum):
    """Every page of the main window, in navigation order. Later capabilities add members."""

    TODAY = "today"
    JOURNAL = "journal"
    REVIEW = "review"
    PRACTICE = "practice"
    CHARTS = "charts"

    STEPS = "steps"
    INVENTORY = "inventory"
    SETTINGS = "settings"
    ABOUT = "about"
    SEARCH = "search"
