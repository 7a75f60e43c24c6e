"""Counts of events per country, decade, actor and tag, as tables with bar charts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from imfhist.i18n import _, n_
from imfhist.output.safety import clean_line
from imfhist.output.view import EventView
from imfhist.textnorm import fold

BAR_WIDTH = 24


def decade(view: EventView) -> str:
    if view.edtf is None:
        return _("undated")
    bound = view.edtf.lower or view.edtf.upper
    assert bound is not None
    return _("{decade}s").format(decade=bound[0] - bound[0] % 10)


def counts(total: int, dated: int) -> str:
    """"14 events, 3 dated, 11 undated", in the interface language."""
    return _("{events}, {dated} dated, {undated} undated").format(
        events=n_("{count} event", "{count} events", total).format(count=total),
        dated=dated, undated=total - dated)


def _table(title: str, counts: Iterable[tuple[str, int]], total: int) -> Table:
    rows = list(counts)
    table = Table(title=Text(title, style="bold"), title_justify="left", show_header=False,
                  box=None, pad_edge=False, padding=(0, 1))
    table.add_column(overflow="fold", max_width=40)
    table.add_column(justify="right")
    table.add_column(no_wrap=True)
    most = max((count for _, count in rows), default=0)
    for name, count in rows:
        bar = "█" * max(1, round(count / most * BAR_WIDTH)) if count else ""
        table.add_row(Text(clean_line(name)), str(count), Text(bar, style="cyan"))
    if not rows:
        table.add_row(Text(_("none"), style="dim"), "", "")
    return table


def _by_count(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], fold(item[0])))


def render(views: Sequence[EventView]) -> RenderableType:
    total = len(views)
    countries = Counter(name for v in views for name in dict.fromkeys(v.country_names))
    decades = Counter(decade(v) for v in views)
    actors = Counter(name for v in views for name in dict.fromkeys(v.actors))
    tags = Counter(tag for v in views for tag in dict.fromkeys(v.tags))
    undated = _("undated")
    decade_rows = sorted(decades.items(), key=lambda item: (item[0] == undated, item[0]))
    dated = total - decades.get(undated, 0)
    heading = Text(counts(total, dated), style="bold")
    blank = Text("")
    return Group(
        heading, blank,
        _table(_("Events per country"), _by_count(countries), total), blank,
        _table(_("Events per decade"), decade_rows, total), blank,
        _table(_("Events per actor"), _by_count(actors), total), blank,
        _table(_("Events per tag"), _by_count(tags), total),
    )
