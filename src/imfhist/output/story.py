"""The order in which a page tells the story: dated events by date, undated ones where the
source tells them.

A history page rarely dates everything ("dans cette ouverture", "en dix ans"); the file keeps
events in the order of its source, so an undated event follows the event the source told just
before it. Sorting undated events apart, or by id, would tell the story out of order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from imfhist.dates import Bound
from imfhist.output.view import EventView

_EARLIEST: Bound = (-(10**9), 1, 1)

# Earliest and latest bounds of an event, as derived from what the source says of its order
# relative to other events (None where nothing bounds it).
DerivedBounds = Mapping[str, tuple[Bound | None, Bound | None]]


def _own_bound(view: EventView, bounds: DerivedBounds | None) -> Bound | None:
    if view.edtf is not None:
        return view.edtf.lower or view.edtf.upper or _EARLIEST
    if bounds and view.id in bounds:
        earliest, latest = bounds[view.id]
        return earliest or latest
    return None


def story_order(views: Sequence[EventView], bounds: DerivedBounds | None = None) -> list[EventView]:
    """`views` in the order of the file, told as one story: each event with a date (its own, or
    one derived from `bounds`) takes its place by that date; an event without one comes right
    after the event the file puts before it. Ties keep the order of the file."""
    keys: list[tuple[Bound, int]] = []
    anchor = _EARLIEST
    for position, view in enumerate(views):
        own = _own_bound(view, bounds)
        if own is not None:
            anchor = own
        keys.append((anchor, position))
    return [views[position] for _, position in sorted(keys)]
