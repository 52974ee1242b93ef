"""How wide each column of a table is: what each wants, fitted to the room there is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ColumnWant:
    """A column's width: what it wants, the least it can do with, its share of room left."""

    want: int
    floor: int
    weight: int  # 0: takes no more than it wants


def fit_widths(wants: Sequence[ColumnWant], room: int) -> list[int]:
    """Column widths that fill ``room`` exactly when they can.

    With room to spare, each column gets what it wants and the columns of words share the
    rest by weight. Short of room, each gives up the same part of what it wants above its
    floor; below the sum of the floors, the floors (and the table scrolls sideways).
    """
    if not wants:
        return []
    widths = [w.want for w in wants]
    spare = room - sum(widths)
    if spare >= 0:
        weights = [w.weight for w in wants]
        if not any(weights):
            weights = [0] * (len(wants) - 1) + [1]  # the last column takes the rest
        total = sum(weights)
        shares = [spare * weight // total for weight in weights]
        widths = [width + share for width, share in zip(widths, shares, strict=True)]
    else:
        above = sum(w.want - w.floor for w in wants)
        keep = max(0.0, (room - sum(w.floor for w in wants)) / above) if above else 0.0
        widths = [w.floor + int((w.want - w.floor) * keep) for w in wants]
    # What rounding left over goes to the last column that grows, so the row ends at the edge.
    left = room - sum(widths)
    if left > 0:
        last = max((n for n, w in enumerate(wants) if w.weight), default=len(wants) - 1)
        widths[last] += left
    return widths
