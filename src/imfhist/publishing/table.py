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
otherwise a short column that fits in an even share gets all it wants, the others what they
need plus a share of the rest in proportion to the text they hold (an almost empty Places
column does not take the room that Actors has a use for). Cells are then moved from one column
to another while that makes the table shorter, judged on a sample of rows: a row is as high as
its tallest cell, and always two lines (the title, the id under it), so Date or Countries can
often take a second line for free and leave Title or Actors the room to lose one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from rich.cells import cell_len as _rich_cell_len

from imfhist.common.i18n import _
from imfhist.common.safety import clean_line
from imfhist.publishing.records import country_names, names, worded_date
from imfhist.timeline.chronology import chronology_of
from imfhist.timeline.model import Event, Timeline

GAP = 2  # spaces between columns
MARGIN = 1  # spaces before the first column
READABLE_TITLE = 22  # a title column narrower than this reads worse than one block per event
SAMPLE = 200  # rows, evenly spread, on which a layout's height is judged
STEPS = (32, 16, 8, 4, 2, 1)  # cells moved at a time from one column to another

# ANSI styles, written directly: a terminal that shows colour gets them, nothing else does.
_STYLES = {"header": "1", "date": "36", "id": "2", "title": "1", "label": "1", "rule": "2",
           "quote": "3", "link": "4"}

# Characters that take one cell each, whatever the terminal: Latin scripts with their accents
# (before the combining marks at U+0300) and general punctuation (’ – « »). Text made only of
# them is measured by its length; anything else (wide East Asian characters, combining marks,
# emoji) by Rich's table of widths.
_NOT_SIMPLE = re.compile("[^\x20-\x7e\xa0-\u02ff\u2010-\u2027\u2030-\u205e]")


def _simple(text: str) -> bool:
    return text.isascii() or not _NOT_SIMPLE.search(text)


def cell_len(text: str) -> int:
    return len(text) if _simple(text) else _rich_cell_len(text)


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


def _shown(text: str) -> str:
    # Printable text holds no control, invisible or line-breaking character: nothing to clean.
    return text if text.isprintable() else clean_line(text)


def _rows(events: Sequence[Event], timeline: Timeline) -> list[Row]:
    places = timeline.place_by_id()
    actors = timeline.actor_by_id()
    chronology = chronology_of(timeline)
    return [Row(
        date=_shown(worded_date(event, chronology.get(event))),
        title=_shown(event.title),
        id=_shown(event.id.value),
        countries=_shown(", ".join(country_names(event, timeline))),
        places=_shown(", ".join(names(event.places, places))),
        actors=_shown(", ".join(names(event.actors, actors))),
    ) for event in events]


# A word's pieces between which a line may break: after a hyphen inside it (`non-` /
# `gouvernementaux`); hyphens that start or end a word, or come in a row, stay with it.
_PIECE = re.compile(r"-*[^\s-]+-*|-+")


# Where a line may break between words: not at a no-break space, which French typography puts
# before ":" and inside « », so that neither starts a line alone.
_SPACES = re.compile("[ \t\n]+")


# Punctuation that closes what comes before it, and marks that open what follows: a line neither
# starts with the one nor ends with the other when the text has an ordinary space there
# (`« Annaba »` with plain spaces stays whole rather than leaving `»` alone on the next line).
_CLOSING = re.compile(r"[»”’)\].,;:!?…]+")
_OPENING = re.compile(r"[«“‘(\[]+")


def _words(text: str, width: int, measure: Callable[[str], int]) -> list[str]:
    """The words of `text` between which a line may break, closing punctuation joined to the
    word before it and opening marks to the word after, where the two together fit in `width`."""
    words: list[str] = []
    glue_next = False
    for word in _SPACES.split(text.strip(" \t\n")):
        if words and (glue_next or _CLOSING.fullmatch(word)) \
                and measure(words[-1]) + 1 + measure(word) <= width:
            words[-1] = f"{words[-1]} {word}"
        else:
            words.append(word)
        glue_next = bool(_OPENING.fullmatch(word))
    return words


def _pieces(word: str) -> list[str]:
    return _PIECE.findall(word)


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
    simple = _simple(text)
    measure = len if simple else cell_len
    if measure(text) <= width and "  " not in text and text == text.strip():
        return [text]  # most cells: one line as it is
    lines: list[str] = []
    current, used = "", 0
    for word in _words(text, width, measure):
        size = measure(word)
        if current and used + 1 + size <= width:
            current, used = f"{current} {word}", used + 1 + size
            continue
        if not current and size <= width:
            current, used = word, size
            continue
        if current:
            lines.append(current)
            current, used = "", 0
        if size <= width:
            current, used = word, size
            continue
        for piece in _pieces(word):
            piece_size = measure(piece)
            if used + piece_size <= width:
                current, used = current + piece, used + piece_size
                continue
            if current:
                lines.append(current)
            chunks = _chop(piece, width) if piece_size > width else [piece]
            lines.extend(chunks[:-1])
            current = chunks[-1]
            used = measure(current)
    if current or not lines:
        lines.append(current)
    return lines


def _share(needed: list[int], wanted: list[int], weights: list[int], room: int) -> list[int]:
    """Widths from `needed` up to at most `wanted`, within `room` cells in all.

    A column that wants less than an even share of the room left (counting one share more, for
    the long columns to keep) gets all it wants, shortest first, so that a long Title or Actors
    column does not starve Countries or Places down to a word a line. The columns left share
    what remains from what each needs, in proportion to `weights` (how much text each holds:
    the titles, more than the dates); what a column cannot take, once it has all it wants, goes
    to the others."""
    given = list(needed)
    open_ = sorted(range(len(given)), key=lambda i: wanted[i])
    while open_:
        left = room - sum(given[i] for i in range(len(given)) if i not in open_)
        shortest = open_[0]
        if wanted[shortest] * (len(open_) + 1) > left:
            break
        given[shortest] = max(needed[shortest], wanted[shortest])
        open_.pop(0)
    spare = room - sum(given)
    while spare > 0:
        open_ = [i for i in open_ if given[i] < wanted[i]]
        if not open_:
            break
        total = sum(weights[i] for i in open_) or len(open_)
        raised = 0
        for i in open_:
            step = min(spare * (weights[i] or 1) // total, wanted[i] - given[i])
            given[i] += step
            raised += step
        if raised == 0:  # shares rounded down to nothing: one cell each, widest first
            for i in sorted(open_, key=lambda i: -weights[i])[:spare]:
                given[i] += 1
                raised += 1
        spare -= raised
    return given


def _widest(texts: list[str]) -> int:
    """The width of the widest of `texts`."""
    if _simple("".join(texts)):
        return max(map(len, texts), default=0)
    return max(map(cell_len, texts), default=0)


def _needed(text: str) -> int:
    """The widest piece of `text` that no line break can split."""
    return max(map(len if _simple(text) else cell_len, _PIECE.findall(text)), default=0)


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
        self._measured: list[Column] | None = None
        self._height_cache: dict[tuple[int, int], list[int]] = {}

    def _columns(self) -> list[Column]:
        if self._measured is None:
            self._measured = self._measure()
        return self._measured

    def _measure(self) -> list[Column]:
        cells: list[list[str]] = [[], [], [], [], []]
        for row in self.rows:
            cells[0].append(row.date)
            cells[1].append(row.title)
            cells[2].append(row.countries)
            cells[3].append(row.places)
            cells[4].append(row.actors)
        columns = [Column(header, _needed("\n".join([header, *column])),
                          _widest([header, *column]), sum(map(len, column)))
                   for header, column in zip(self.headers, cells, strict=True)]
        # An id is kept whole, to be copied at a double click.
        longest_id = _widest([row.id for row in self.rows])
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
        given = self._refined(_share(needed, wanted, [c.weight for c in columns], room),
                              needed, wanted)
        if given[1] < min(READABLE_TITLE, wanted[1]):
            return None
        return given

    def _heights(self, column: int, width: int) -> list[int]:
        """How many lines each sampled row takes in `column` at `width` cells."""
        key = (column, width)
        if key not in self._height_cache:
            step = max(1, len(self.rows) // SAMPLE)
            rows = self.rows[::step]
            if column == 1:  # the title, then the id under it
                heights = [len(wrap(r.title, width)) + len(wrap(r.id, width)) for r in rows]
            else:
                field = ("date", "title", "countries", "places", "actors")[column]
                heights = [len(wrap(text, width)) if (text := getattr(r, field)) else 0
                           for r in rows]
            self._height_cache[key] = heights
        return self._height_cache[key]

    def _height(self, widths: list[int]) -> int:
        """The sampled rows' lines in all, at `widths`: a row is as high as its tallest cell."""
        return sum(map(max, zip(*(self._heights(c, w) for c, w in enumerate(widths)),
                                strict=True)))

    def _refined(self, given: list[int], needed: list[int], wanted: list[int]) -> list[int]:
        """`given`, with cells moved from one column to another while that makes the table
        shorter: a row is as high as its tallest cell, so a column can often give up cells
        without growing any row (Date beside a title and its id), and another use them to
        lose a line (Countries on one line rather than one country a line)."""
        best = list(given)
        height = self._height(best)
        improved = True
        while improved:
            improved = False
            for source, target in ((s, t) for s in range(len(best)) for t in range(len(best))
                                   if s != t):
                free = min(best[source] - needed[source], wanted[target] - best[target])
                for step in sorted({min(step, free) for step in STEPS if free > 0}, reverse=True):
                    trial = list(best)
                    trial[source] -= step
                    trial[target] += step
                    trial_height = self._height(trial)
                    if trial_height < height:
                        best, height, improved = trial, trial_height, True
                        break
        return best

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
            cells, title_lines = self._cells(row, widths)
            styled = [[(line, "date") for line in cells[0]],
                      [(line, "" if n < title_lines else "id") for n, line in enumerate(cells[1])],
                      *([(line, "") for line in column] for column in cells[2:])]
            for number in range(max(map(len, cells))):
                yield self._row_line([c[number] if number < len(c) else ("", "")
                                      for c in styled], widths)

    def text_lines(self, width: int) -> Iterator[str]:
        """The same lines as `lines`, as plain text: the fast way for a pipe or a file."""
        widths = self.widths(width)
        if widths is None:
            yield from ("".join(part for part, _ in line).rstrip() for line in self.lines(width))
            return
        heading = 2 + (len(wrap(self.title, MARGIN + sum(widths) + GAP * 4)) + 1
                       if self.title else 0)
        for number, line in enumerate(self.lines(width)):
            yield "".join(part for part, _ in line).rstrip()
            if number == heading - 1:
                break
        pads = [w + GAP for w in widths[:-1]]
        margin = " " * MARGIN
        for row in self.rows:
            cells, _ = self._cells(row, widths)
            simple = _simple(f"{row.date}{row.title}{row.countries}{row.places}")
            for number in range(max(map(len, cells))):
                parts = [margin]
                for column, pad in zip(cells, pads, strict=False):
                    text = column[number] if number < len(column) else ""
                    parts.append(text.ljust(pad) if simple else
                                 text + " " * (pad - cell_len(text)))
                last = cells[-1]
                parts.append(last[number] if number < len(last) else "")
                yield "".join(parts).rstrip()

    @staticmethod
    def _cells(row: Row, widths: list[int]) -> tuple[list[list[str]], int]:
        """Each column's lines for one row, and how many of the title column's lines are the
        title (the id follows)."""
        title = wrap(row.title, widths[1])
        return [wrap(row.date, widths[0]), title + wrap(row.id, widths[1]),
                wrap(row.countries, widths[2]) if row.countries else [],
                wrap(row.places, widths[3]) if row.places else [],
                wrap(row.actors, widths[4]) if row.actors else []], len(title)

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


def terminal(stream: object) -> tuple[int, bool]:
    """The width to lay out for, and whether to colour, as Rich decides them (COLUMNS, then
    the terminal's size, else 80; colour on a terminal unless NO_COLOR is set or TERM is
    "dumb", or when FORCE_COLOR is set), without importing Rich's console."""
    import os
    import shutil

    is_terminal = bool(getattr(stream, "isatty", lambda: False)())
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        width = int(columns)
    elif is_terminal:
        width = shutil.get_terminal_size((80, 24)).columns
    else:
        width = 80
    if os.environ.get("NO_COLOR"):
        colour = False
    elif os.environ.get("FORCE_COLOR"):
        colour = True
    else:
        colour = is_terminal and os.environ.get("TERM", "").lower() not in ("dumb", "unknown")
    return width, colour


def write(table: EventTable, stream: object, width: int, colour: bool) -> None:
    """Write the table line by line, as each is laid out; ANSI styles only when `colour`."""
    if not colour:
        write_text = stream.write  # type: ignore[attr-defined]
        for text in table.text_lines(width):
            write_text(text + "\n")
        return
    write_lines(table.lines(width), stream, colour)


def write_lines(lines: Iterable[Line], stream: object, colour: bool) -> None:
    """Write styled lines as they come, with ANSI styles only when `colour`."""
    write_text = stream.write  # type: ignore[attr-defined]
    for line in lines:
        if colour:
            text = "".join(f"\x1b[{_STYLES[style]}m{part}\x1b[0m" if style and part.strip()
                           else part for part, style in line)
        else:
            text = "".join(part for part, _style in line)
        write_text(text.rstrip() + "\n")
