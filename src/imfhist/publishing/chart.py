"""The timeline drawn in the terminal: a year axis fitted to the width, a bar per interval, a mark
per point, an arrow for an open end, a dotted span for an event without a date that its relations
or bounds place (where it may have started, between its termini), and lanes by country or tag."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from imfhist.common.i18n import N_, _, n_
from imfhist.common.safety import clean_line
from imfhist.common.textnorm import fold
from imfhist.publishing.table import cell_len, wrap
from imfhist.publishing.view import EventView
from imfhist.timeline.dates import Bound

BAR, POINT, OPEN_END, UNKNOWN, APPROXIMATE = "━", "●", "→", "┄", "~"
# An event placed by its relations: the span where it may have started, between "not before"
# and "not after" marks; a side with no bound runs to the edge of the axis.
MAY_START, NOT_BEFORE, NOT_AFTER = "·", "├", "┤"
# The bars keep at least half the width (and this many cells) so that years stay apart; the
# labels take the rest, up to the longest of them.
TRACK_MIN, LABEL_MIN = 20, 10


def _fraction(bound: Bound, end: bool = False) -> float:
    year, month, day = bound
    return year + (month - 1) / 12 + (day - 1) / 365 + (1 / 365 if end else 0)


def _relative_span(view: EventView) -> tuple[Bound | None, Bound | None]:
    """Where an event without a date may have started (or ended, when only its end is
    bounded)."""
    derived = view.derived
    assert derived is not None
    if derived.start_min is not None or derived.start_max is not None:
        return derived.start_min, derived.start_max
    return derived.end_min, derived.end_max


def axis_range(views: Sequence[EventView]) -> tuple[int, int]:
    bounds = [b for v in views if v.edtf for b in (v.edtf.lower, v.edtf.upper) if b]
    bounds += [b for v in views if v.relative for b in _relative_span(v) if b]
    if not bounds:
        return 0, 1
    first = min(b[0] for b in bounds)
    last = max(b[0] for b in bounds) + 1
    if any(v.edtf and v.edtf.upper is None for v in views):
        last += max(1, (last - first) // 8)
    if any(v.edtf and v.edtf.lower is None for v in views):
        first -= max(1, (last - first) // 8)
    return first, max(last, first + 1)


def _track(view: EventView, first: int, last: int, width: int) -> Text:
    cells = [" "] * width
    scale = (width - 1) / (last - first)

    def column(value: float) -> int:
        return max(0, min(width - 1, round((value - first) * scale)))

    date = view.edtf
    if date is None:
        low_bound, high_bound = _relative_span(view)
        start = column(_fraction(low_bound)) if low_bound else 0
        end = max(start, column(_fraction(high_bound, end=True)) - 1) if high_bound else width - 1
        cells[start:end + 1] = MAY_START * (end - start + 1)
        if low_bound:
            cells[start] = NOT_BEFORE
        if high_bound:
            cells[end] = NOT_AFTER
        return Text("".join(cells), style="magenta")

    low = _fraction(date.lower) if date.lower else first
    high = _fraction(date.upper, end=True) if date.upper else last
    start, end = column(low), max(column(low), column(high) - 1)
    if end == start and not date.is_interval:
        cells[start] = POINT
    else:
        cells[start:end + 1] = BAR * (end - start + 1)
        if date.end_unknown and date.start:  # a known start, then an end nobody knows
            known = max(start, column(_fraction(date.start.upper, end=True)) - 1)
            cells[known + 1:end + 1] = UNKNOWN * (end - known)
            cells[end] = "?"
        elif date.end_open:
            cells[end] = OPEN_END
        if date.start_unknown and date.end:
            known = min(end, column(_fraction(date.end.lower)))
            cells[start:known] = UNKNOWN * (known - start)
            cells[start] = "?"
        elif date.start_open:
            cells[start] = "←"
    points = [p for p in (date.start, date.end) if p]
    if any(p.approximate or p.uncertain for p in points) and start > 0:
        cells[start - 1] = APPROXIMATE
    return Text("".join(cells), style="cyan")


def _axis(first: int, last: int, width: int) -> Text:
    scale = (width - 1) / (last - first)
    line = [" "] * width
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 10**4, 10**5)
                if (s * scale) >= 8) if last - first < 10**6 else last - first
    year = first - first % step + (step if first % step else 0)
    while year <= last:
        column = round((year - first) * scale)
        label = str(year)
        if column + len(label) <= width and all(c == " " for c in line[max(0, column - 1):
                                                                    column + len(label) + 1]):
            line[column:column + len(label)] = label
        year += step
    return Text("".join(line), style="dim")


def _label_width(lengths: Sequence[int], width: int) -> int:
    """The labels' column: as wide as the longest label, within what the width leaves once the
    bars have half of it (at least TRACK_MIN cells), and never narrower than LABEL_MIN."""
    room = width - 1 - max(TRACK_MIN, width // 2)
    return max(LABEL_MIN, min(max(lengths, default=0), room))


def _fit(label: str, width: int) -> str:
    """`label` within `width` cells: whole if it fits, else cut after its last whole word that
    leaves room for "…" (inside a word only when its first word alone is too long)."""
    if cell_len(label) <= width:
        return label
    return wrap(label, width - 1)[0].rstrip(" -") + "…" if width > 1 else "…"


def render(views: Sequence[EventView], width: int, lanes: str = "none") -> RenderableType:
    dated = [v for v in views if v.edtf is not None or v.relative]
    undated = len(views) - len(dated)
    labels = {id(v): clean_line(f"{v.worded_date} {v.title}") for v in dated}
    label_width = _label_width([cell_len(label) for label in labels.values()], width)
    track_width = max(10, width - label_width - 1)
    first, last = axis_range(dated)
    parts: list[RenderableType] = []
    header = Text(" " * (label_width + 1))
    header.append_text(_axis(first, last, track_width))
    parts.append(header)
    drawn: set[str] = set()  # the marks the tracks use, for the legend
    for lane, members in _lanes(dated, lanes):
        if lane is not None:
            parts.append(Rule(Text(clean_line(lane)), align="left", style="dim"))
        for view in members:
            line = Text(no_wrap=True, overflow="ellipsis")
            label = _fit(labels[id(view)], label_width)
            line.append(label + " " * (label_width + 1 - cell_len(label)))
            track = _track(view, first, last, track_width)
            drawn.update(track.plain)
            line.append_text(track)
            parts.append(line)
    # Only the marks drawn are explained, as on the HTML page.
    legend = "  ".join(f"{mark} {_(meaning)}" for mark, meaning in (
        (BAR, N_("interval")), (POINT, N_("point")), (OPEN_END, N_("goes on")),
        (UNKNOWN, N_("end unknown")), (APPROXIMATE, N_("approximate"))) if mark in drawn)
    if legend:
        parts.append(Text(legend[:width], style="dim"))
    if any(v.relative for v in dated):
        relative = _("{marks} no date: starts between these bounds, from its relations").format(
            marks=NOT_BEFORE + MAY_START * 2 + NOT_AFTER)
        parts.append(Text(relative[:width], style="dim"))
    if undated:
        parts.append(Text(n_("{count} undated event not drawn",
                             "{count} undated events not drawn", undated).format(count=undated),
                          style="dim"))
    return Group(*parts)


def _lanes(views: Sequence[EventView], lanes: str) -> list[tuple[str | None, list[EventView]]]:
    if lanes == "none":
        return [(None, list(views))]
    grouped: dict[str, list[EventView]] = {}
    others: list[EventView] = []
    for view in views:
        keys = view.country_names if lanes == "country" else view.tags
        if not keys:
            others.append(view)
        for key in dict.fromkeys(keys):
            grouped.setdefault(key, []).append(view)
    result: list[tuple[str | None, list[EventView]]] = [
        (key, grouped[key]) for key in sorted(grouped, key=fold)]
    if others:
        result.append((_("no country") if lanes == "country" else _("no tag"), others))
    return result
