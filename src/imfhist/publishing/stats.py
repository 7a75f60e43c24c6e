"""Counts of events per country, decade, actor and tag, as tables with bar charts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from imfhist.common.i18n import _, n_
from imfhist.common.safety import clean_line
from imfhist.common.textnorm import fold
from imfhist.publishing.view import EventView

BAR_WIDTH = 24


def decade(view: EventView) -> str:
    """The decade in which the event started; for an event without a date of its own, the
    decade only when its relations and bounds place its start within one for certain, else
    "placed by relations" (or "undated" when nothing places it)."""
    if view.edtf is not None:
        bound = view.edtf.lower or view.edtf.upper
        assert bound is not None
    elif view.relative:
        assert view.derived is not None
        low, high = view.derived.start_min, view.derived.start_max
        if low is None or high is None or low[0] // 10 != high[0] // 10:
            return _("placed by relations")
        bound = low
    else:
        return _("undated")
    return _("{decade}s").format(decade=bound[0] - bound[0] % 10)


def counts(total: int, dated: int) -> str:
    """"14 events, 3 dated, 11 undated", in the interface language."""
    return _("{events}, {dated} dated, {undated} undated").format(
        events=n_("{count} event", "{count} events", total).format(count=total),
        dated=dated, undated=total - dated)


def worded_counts(views: Sequence[EventView]) -> str:
    """"14 events, 3 dated, 7 placed by relations, 4 undated" (without the placed ones when no
    event is placed by relations), as `stats` and the html page say it."""
    total = len(views)
    dated = sum(1 for v in views if v.edtf is not None)
    relative = sum(1 for v in views if v.relative)
    if not relative:
        return counts(total, dated)
    return _("{events}, {dated} dated, {placed} placed by relations, {undated} undated").format(
        events=n_("{count} event", "{count} events", total).format(count=total), dated=dated,
        placed=relative, undated=total - dated - relative)


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
    placed, undated = _("placed by relations"), _("undated")
    last = {placed: 1, undated: 2}
    decade_rows = sorted(decades.items(), key=lambda item: (last.get(item[0], 0), item[0]))
    relative = sum(1 for v in views if v.relative)
    heading = Text(worded_counts(views), style="bold")
    per_decade: list[RenderableType] = [_table(_("Events per decade"), decade_rows, total)]
    if relative:
        per_decade.append(Text(_(
            "An event without a date counts in a decade when its relations place its start in "
            "that decade for certain; otherwise it counts as placed by relations."), style="dim"))
    blank = Text("")
    return Group(
        heading, blank,
        _table(_("Events per country"), _by_count(countries), total), blank,
        *per_decade, blank,
        _table(_("Events per actor"), _by_count(actors), total), blank,
        _table(_("Events per tag"), _by_count(tags), total),
    )
