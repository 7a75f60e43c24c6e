"""The events as a table laid out for the terminal's width: date, title with the event's id under
it, countries, places, actors; or, where a table would no longer read well, one block per event.

The layout is computed here rather than by Rich's table, for two reasons. Words are never cut:
lines break at spaces, and a word too long for its column breaks after one of its hyphens
(`non-` / `gouvernementaux`); only a word longer than the whole line, which no layout can keep
whole, is cut. And ten thousand rows are laid out in a tenth of the time Rich's table takes,
row by row, so they can be written as they are made.

Column widths follow the automatic layout of HTML tables: each column needs its longest
unbreakable piece and wants its longest line; when everything fits, each gets what it wants
(a wide terminal gives Actors its whole line rather than wrapping it beside an empty column);
otherwise each gets what it needs plus a share of the rest in proportion to the text it holds
(an almost empty Places column does not take the room that Actors has a use for).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from imfhist.i18n import _
from imfhist.model import Event, Timeline
from imfhist.output.records import country_names, names, worded_date
from imfhist.output.safety import clean_line

GAP = 2  # spaces between columns
MARGIN = 1  # spaces before the first column
READABLE_TITLE = 22  # a title column narrower than this reads worse than one block per event

# ANSI styles, written directly: a terminal that shows colour gets them, nothing else does.
_STYLES = {"header": "1", "date": "36", "id": "2", "title": "1", "label": "1", "rule": "2"}

Segment = tuple[str, str]  # (text, style name or "")
Line = list[Segment]


@dataclass(frozen=True)
class Row:
    date: str
    title: str
    id: str
    countries: str
    places: str
    actors: str


def _rows(events: Sequence[Event], timeline: Timeline) -> list[Row]:
    places = timeline.place_by_id()
    actors = timeline.actor_by_id()
    return [Row(
        date=clean_line(worded_date(event)),
        title=clean_line(event.title),
        id=clean_line(event.id.value),
        countries=clean_line(", ".join(country_names(event, timeline))),
        places=clean_line(", ".join(names(event.places, places))),
        actors=clean_line(", ".join(names(event.actors, actors))),
    ) for event in events]


def _pieces(word: str) -> list[str]:
    """A word's pieces between which a line may break: after each hyphen inside it."""
    parts = word.split("-")
    if len(parts) == 1:
        return parts
    pieces = [part + "-" for part in parts[:-1]] + [parts[-1]]
    # A leading, trailing or doubled hyphen gives an empty or bare-hyphen piece: keep it joined.
    merged: list[str] = []
    for piece in pieces:
        if merged and (piece in ("", "-") or merged[-1] == "-"):
            merged[-1] += piece
        else:
            merged.append(piece)
    return [p for p in merged if p]


def _chop(piece: str, width: int) -> list[str]:
    """The last resort, for one piece wider than the whole column: cut it by characters."""
    chunks, current = [], ""
    for character in piece:
        if current and cell_len(current + character) > width:
            chunks.append(current)
            current = ""
        current += character
    return [*chunks, current] if current else chunks


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken at spaces, then after hyphens, and cut
    inside a word only when one piece is wider than `width`."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if cell_len(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
        if cell_len(word) <= width:
            current = word
            continue
        for piece in _pieces(word):
            candidate = current + piece
            if cell_len(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            chunks = _chop(piece, width) if cell_len(piece) > width else [piece]
            lines.extend(chunks[:-1])
            current = chunks[-1]
    if current or not lines:
        lines.append(current)
    return lines


def _share(needed: list[int], wanted: list[int], weights: list[int], room: int) -> list[int]:
    """Widths from `needed` up to at most `wanted`, within `room` cells in all: the spare cells
    go to the columns in proportion to `weights` (how much text each holds), and what a column
    cannot take, once it has all it wants, goes to the others."""
    given = list(needed)
    spare = room - sum(given)
    while spare > 0:
        open_ = [i for i in range(len(given)) if given[i] < wanted[i]]
        if not open_:
            break
        total = sum(weights[i] for i in open_) or len(open_)
        raised = 0
        for i in open_:
            share = spare * (weights[i] or 1) // total
            step = min(share, wanted[i] - given[i])
            given[i] += step
            raised += step
        if raised == 0:  # shares rounded down to nothing: one cell each, heaviest first
            for i in sorted(open_, key=lambda i: -weights[i])[:spare]:
                given[i] += 1
                raised += 1
        spare -= raised
    return given


def _needed(text: str) -> int:
    """The widest piece of `text` that no line break can split."""
    return max((cell_len(p) for word in text.split() for p in _pieces(word)), default=0)


@dataclass(frozen=True)
class Column:
    header: str
    needed: int  # its widest unbreakable piece
    wanted: int  # its longest line
    weight: int  # how much text it holds


class EventTable:
    """The events laid out at a given width, as styled lines (see `lines`)."""

    def __init__(self, events: Sequence[Event], timeline: Timeline) -> None:
        self.rows = _rows(events, timeline)
        self.title = clean_line(timeline.title) if timeline.title else ""
        self.headers = (_("Date"), _("Title"), _("Countries"), _("Places"), _("Actors"))
        self.labels = (_("Id"), *self.headers)

    def _columns(self) -> list[Column]:
        cells: list[list[str]] = [[], [], [], [], []]
        for row in self.rows:
            cells[0].append(row.date)
            cells[1].append(row.title)
            cells[2].append(row.countries)
            cells[3].append(row.places)
            cells[4].append(row.actors)
        columns = [Column(header, max(_needed(header), *(_needed(c) for c in column)),
                          max(cell_len(header), *(cell_len(c) for c in column)),
                          sum(len(c) for c in column))
                   for header, column in zip(self.headers, cells, strict=True)]
        # An id is kept whole, to be copied at a double click.
        longest_id = max(cell_len(row.id) for row in self.rows)
        title = columns[1]
        columns[1] = Column(title.header, max(title.needed, longest_id),
                            max(title.wanted, longest_id), title.weight)
        return columns

    def widths(self, width: int) -> list[int] | None:
        """The width of each column, or None when a table would not read well at `width`."""
        if not self.rows:
            return None
        columns = self._columns()
        room = width - MARGIN - GAP * (len(columns) - 1)
        wanted = [c.wanted for c in columns]
        if sum(wanted) <= room:
            return wanted
        needed = [c.needed for c in columns]
        if sum(needed) > room:
            return None
        given = _share(needed, wanted, [c.weight for c in columns], room)
        if given[1] < min(READABLE_TITLE, wanted[1]):
            return None
        return given

    def lines(self, width: int) -> Iterator[Line]:
        """The table at `width` cells, line by line; one block per event when it is too narrow."""
        widths = self.widths(width)
        if widths is None:
            yield from self._stacked(width)
            return
        total = MARGIN + sum(widths) + GAP * (len(widths) - 1)
        if self.title:
            for line in wrap(self.title, total):
                pad = (total - cell_len(line)) // 2
                yield [(" " * pad + line, "title")]
            yield []
        yield self._row_line([(h, "header") for h in self.headers], widths)
        yield [(" " * MARGIN + "━" * (total - MARGIN), "rule")]
        for row in self.rows:
            cells = [
                [(line, "date") for line in wrap(row.date, widths[0])],
                [(line, "") for line in wrap(row.title, widths[1])]
                + [(line, "id") for line in wrap(row.id, widths[1])],
                [(line, "") for line in wrap(row.countries, widths[2])] if row.countries else [],
                [(line, "") for line in wrap(row.places, widths[3])] if row.places else [],
                [(line, "") for line in wrap(row.actors, widths[4])] if row.actors else [],
            ]
            for number in range(max(len(c) for c in cells)):
                yield self._row_line([c[number] if number < len(c) else ("", "")
                                      for c in cells], widths)

    @staticmethod
    def _row_line(cells: list[Segment], widths: list[int]) -> Line:
        line: Line = [(" " * MARGIN, "")]
        last = len(cells) - 1
        for number, ((text, style), width) in enumerate(zip(cells, widths, strict=True)):
            line.append((text, style))
            if number < last:
                line.append((" " * (width - cell_len(text) + GAP), ""))
        return line

    def _stacked(self, width: int) -> Iterator[Line]:
        """One block per event: its title, then one labelled line per field that has a value."""
        if self.title:
            yield from ([(line, "title")] for line in wrap(self.title, width))
            yield []
        label_width = max(cell_len(label) for label in self.labels)
        indent = 2
        value_width = max(1, width - indent - label_width - GAP)
        blank = " " * (indent + label_width + GAP)
        for row in self.rows:
            yield from ([(line, "title")] for line in wrap(row.title, width))
            fields = (
                (self.labels[0], row.id, "id"), (self.labels[1], row.date, "date"),
                (self.labels[3], row.countries, ""), (self.labels[4], row.places, ""),
                (self.labels[5], row.actors, ""),
            )
            for label, value, style in fields:
                if not value:
                    continue
                for number, line in enumerate(wrap(value, value_width)):
                    if number == 0:
                        head = " " * indent + label + " " * (label_width - cell_len(label) + GAP)
                        yield [(head, "label"), (line, style)]
                    else:
                        yield [(blank, ""), (line, style)]
            yield []


def render(events: Sequence[Event], timeline: Timeline) -> EventTable:
    return EventTable(events, timeline)


def write(table: EventTable, stream: object, width: int, colour: bool) -> None:
    """Write the table line by line, as each is laid out; ANSI styles only when `colour`."""
    write_text = stream.write  # type: ignore[attr-defined]
    for line in table.lines(width):
        if colour:
            text = "".join(f"\x1b[{_STYLES[style]}m{part}\x1b[0m" if style and part.strip()
                           else part for part, style in line)
        else:
            text = "".join(part for part, _style in line)
        write_text(text.rstrip() + "\n")
