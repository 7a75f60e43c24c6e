"""One self-contained HTML page that draws the timeline: a year axis, intervals as bars, open
intervals that fade out, approximate and uncertain dates marked, undated events in a list of
their own, a country and tag filter, each event's details and sources on click. It makes no
network request of any kind, reads well on a phone, and prints.

Every text from the timeline is HTML-escaped here, and the page's script only shows and hides
elements and counts them: it never turns data into markup.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Sequence
from datetime import date as calendar_date

from imfhist.dates import Bound
from imfhist.i18n import _
from imfhist.model import Event, Timeline
from imfhist.output.exports import Exported, ExportOptions
from imfhist.output.safety import clean
from imfhist.output.stats import counts
from imfhist.output.view import EventView, event_views
from imfhist.textnorm import fold


def _e(text: str) -> str:
    # Control and invisible characters are made visible, as in the terminal (\x1b, \u202e).
    return html.escape(clean(text), quote=True)


def _year_fraction(bound: Bound, end: bool = False) -> float:
    year, month, day = bound
    value = year + (month - 1) / 12 + (day - 1) / 365
    return value + (1 / 365 if end else 0)


def _axis(views: Sequence[EventView]) -> tuple[int, int]:
    bounds = [b for v in views if v.edtf for b in (v.edtf.lower, v.edtf.upper) if b]
    if not bounds:
        this_year = calendar_date.today().year
        return this_year - 1, this_year + 1
    first = min(b[0] for b in bounds)
    last = max(b[0] for b in bounds) + 1
    if any(v.edtf and v.edtf.upper is None for v in views):
        last += max(2, (last - first) // 10)  # room for open ends to fade out
    if any(v.edtf and v.edtf.lower is None for v in views):
        first -= max(2, (last - first) // 10)
    return first, max(last, first + 1)


def _ticks(first: int, last: int) -> list[int]:
    span = last - first
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 10**4, 10**5, 10**6)
                if span / s <= 10) if span <= 10**7 else 10 ** int(math.log10(span))
    start = first - first % step + (step if first % step else 0)
    return list(range(start, last + 1, step))


def _bar(view: EventView, first: int, last: int) -> str:
    date = view.edtf
    assert date is not None
    span = last - first
    low = _year_fraction(date.lower) if date.lower else first
    high = _year_fraction(date.upper, end=True) if date.upper else last
    left = (low - first) / span * 100
    width = max((high - low) / span * 100, 0.8)
    classes = ["bar"]
    if date.end_open or date.end_unknown:
        classes.append("fade-end")
    if date.start_open or date.start_unknown:
        classes.append("fade-start")
    points = [p for p in (date.start, date.end) if p]
    if any(p.approximate for p in points):
        classes.append("approximate")
    if any(p.uncertain for p in points):
        classes.append("uncertain")
    if (high - low) <= 1.01 and not date.is_interval:
        classes.append("point")
    return (f'<span class="{" ".join(classes)}" style="left:{left:.3f}%;width:{width:.3f}%" '
            f'title="{_e(view.worded_date)}"></span>')


def _details(view: EventView) -> str:
    rows = []
    if view.summary:
        rows.append(f"<p>{_e(view.summary)}</p>")
    facts = [(_("Date"), view.worded_date + (f" ({view.edtf.text})" if view.edtf else "")),
             (_("Countries"), ", ".join(view.country_names)),
             (_("Regions"), ", ".join(view.regions)), (_("Places"), ", ".join(view.places)),
             (_("Actors"), ", ".join(view.actors)), (_("Tags"), ", ".join(view.tags))]
    items = "".join(f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>"
                    for label, value in facts if value)
    rows.append(f"<dl>{items}</dl>")
    for citation in view.citations:
        source = _e(citation.source_title)
        if citation.url:
            source = f'<a href="{_e(citation.url)}" rel="noopener noreferrer">{source}</a>'
        rows.append(f"<blockquote><p>{_e(citation.quote)}</p><footer>{source}</footer>"
                    "</blockquote>")
    return "".join(rows)


def _item(view: EventView, number: int, track: str) -> str:
    marks = ""
    if view.edtf and any(p.approximate for p in (view.edtf.start, view.edtf.end) if p):
        approximate = _e(_("approximate"))
        marks += f'<abbr class="mark" title="{approximate}">~</abbr>'
    if view.edtf and any(p.uncertain for p in (view.edtf.start, view.edtf.end) if p):
        uncertain = _e(_("uncertain"))
        marks += f'<abbr class="mark" title="{uncertain}">?</abbr>'
    when = (f'<span class="when">{_e(view.worded_date)}{marks}</span> '
            if view.edtf is not None or view.worded_date != _("undated") else "")
    return (
        f'<li class="event" id="event-{number}" data-countries="{_e(" ".join(view.country_codes))}"'
        f' data-tags="{_e(json.dumps(list(view.tags), ensure_ascii=False))}">'
        f'<details><summary><span class="label">{when}'
        f'<span class="title">{_e(view.title)}</span></span>{track}</summary>'
        f'<div class="details">{_details(view)}</div></details></li>'
    )


def export(events: Sequence[Event], timeline: Timeline, options: ExportOptions) -> Exported:
    views = event_views(events, timeline, options.lang)
    dated = [v for v in views if v.edtf is not None]
    undated = [v for v in views if v.edtf is None]
    first, last = _axis(dated)
    ticks = "".join(f'<span class="tick" style="left:{(t - first) / (last - first) * 100:.3f}%">'
                    f"{t}</span>" for t in _ticks(first, last))
    dated_items = "".join(
        _item(v, n, f'<span class="track">{_bar(v, first, last)}</span>')
        for n, v in enumerate(dated))
    undated_items = "".join(_item(v, len(dated) + n, "") for n, v in enumerate(undated))
    countries = sorted({(name, code) for v in views
                        for code, name in zip(v.country_codes, v.country_names, strict=False)})
    tags = sorted({t for v in views for t in v.tags}, key=fold)
    country_options = "".join(f'<option value="{_e(code)}">{_e(name)}</option>'
                              for name, code in countries)
    tag_options = "".join(f'<option value="{_e(tag)}">{_e(tag)}</option>' for tag in tags)
    title = _e(timeline.title or _("Timeline"))
    summary = counts(len(views), len(dated))
    undated_heading = _e(_("Undated"))
    undated_section = (f'<section class="undated" aria-labelledby="undated-heading">'
                       f'<h2 id="undated-heading">{undated_heading}</h2><ol class="events">'
                       f"{undated_items}</ol></section>") if undated else ""
    chart_label = _e(_("Time line"))
    chart = (f'<section class="chart" aria-label="{chart_label}"><div class="axis" '
             f'aria-hidden="true">{ticks}</div><ol class="events">{dated_items}</ol></section>'
             ) if dated else ""
    page = _PAGE.format(
        lang=_e(timeline.lang or options.lang), title=title, summary=_e(summary), style=_STYLE,
        script=_SCRIPT, country_options=country_options, tag_options=tag_options, chart=chart,
        undated=undated_section, total=len(views),
        label_country=_e(_("Country")), label_tag=_e(_("Tag")), label_all=_e(_("All")),
        shown=_e(_("{count} shown").format(count=len(views))),
        shown_template=_e(json.dumps(_("{count} shown"), ensure_ascii=False)),
        legend_dated=_e(_("dated")), legend_open=_e(_("goes on or end unknown")),
        legend_approximate=_e(_("approximate")),
        footer=_e(_("Made with imfhist. Select an event to see its details and sources.")),
    )
    return Exported(page)


_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="summary">{summary}</p>
<form class="filters" role="search" onsubmit="return false">
<label>{label_country} <select id="filter-country"><option value="">{label_all}</option>{country_options}</select></label>
<label>{label_tag} <select id="filter-tag"><option value="">{label_all}</option>{tag_options}</select></label>
<output id="shown" aria-live="polite" data-template="{shown_template}">{shown}</output>
</form>
<p class="legend" aria-hidden="true"><span class="bar sample"></span> {legend_dated}
<span class="bar sample fade-end"></span> {legend_open}
<span class="bar sample approximate"></span> {legend_approximate}</p>
</header>
<main>
{chart}
{undated}
</main>
<footer><p>{footer}</p></footer>
<script>{script}</script>
</body>
</html>
"""

_STYLE = """
:root { --ink: #1d2330; --muted: #5b6475; --line: #d9dde5; --bar: #2f6fb3; --soft: #eef2f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #fff; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 1rem 0 .25rem; }
.summary, footer, .legend { color: var(--muted); font-size: .9rem; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: .5rem 0; }
select { font: inherit; padding: .2rem; max-width: 14rem; }
.axis { position: relative; height: 1.5rem; margin-left: 40%; border-bottom: 1px solid var(--line); }
.tick { position: absolute; transform: translateX(-50%); font-size: .75rem; color: var(--muted); }
ol.events { list-style: none; margin: 0; padding: 0; }
.event { border-bottom: 1px solid var(--line); }
.event[hidden] { display: none; }
summary { display: grid; grid-template-columns: 40% 60%; align-items: center; cursor: pointer;
  padding: .3rem 0; list-style: none; }
summary::-webkit-details-marker { display: none; }
summary:hover, details[open] > summary { background: var(--soft); }
.undated summary { grid-template-columns: 100%; }
.label { padding-right: .75rem; overflow-wrap: anywhere; }
.when { display: block; font-size: .8rem; color: var(--muted); }
.mark { font-weight: bold; margin-left: .2rem; text-decoration: none; color: var(--bar); }
.track { position: relative; height: 1.1rem; background: repeating-linear-gradient(90deg,
  transparent 0 calc(10% - 1px), var(--soft) calc(10% - 1px) 10%); }
.bar { position: absolute; top: .2rem; height: .7rem; border-radius: .35rem; background: var(--bar);
  min-width: .5rem; }
.bar.fade-end { background: linear-gradient(90deg, var(--bar) 60%, transparent);
  border-radius: .35rem 0 0 .35rem; }
.bar.fade-start { background: linear-gradient(270deg, var(--bar) 60%, transparent);
  border-radius: 0 .35rem .35rem 0; }
.bar.approximate, .bar.uncertain { background-color: transparent; background-image: none;
  border: 2px dashed var(--bar); }
.bar.point { border-radius: 50%; }
.bar.sample { position: relative; display: inline-block; width: 2rem; top: 0; vertical-align: middle; }
.details { padding: .25rem 0 .75rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .75rem; margin: .25rem 0; }
dt { color: var(--muted); }
dd { margin: 0; }
blockquote { margin: .5rem 0; padding: .25rem .75rem; border-left: 3px solid var(--line); }
blockquote p { margin: 0; font-style: italic; }
blockquote footer { font-size: .85rem; padding: 0; }
a { color: var(--bar); }
@media (max-width: 40rem) {
  summary { grid-template-columns: 100%; }
  .axis { margin-left: 0; }
  .track { margin-top: .2rem; }
}
@media print {
  .filters, .legend { display: none; }
  .event { break-inside: avoid; }
  summary { background: none !important; }
  .bar, .bar.fade-end, .bar.fade-start { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

_SCRIPT = """
(function () {
  var country = document.getElementById("filter-country");
  var tag = document.getElementById("filter-tag");
  var shown = document.getElementById("shown");
  var events = Array.prototype.slice.call(document.querySelectorAll("li.event"));
  function tagsOf(item) {
    try { return JSON.parse(item.getAttribute("data-tags") || "[]"); } catch (e) { return []; }
  }
  function apply() {
    var count = 0;
    events.forEach(function (item) {
      var countries = (item.getAttribute("data-countries") || "").split(" ");
      var match = (!country.value || countries.indexOf(country.value) >= 0) &&
                  (!tag.value || tagsOf(item).indexOf(tag.value) >= 0);
      item.hidden = !match;
      if (match) { count += 1; }
    });
    var template = JSON.parse(shown.getAttribute("data-template") || '"{count}"');
    shown.textContent = template.replace("{count}", String(count));
  }
  country.addEventListener("change", apply);
  tag.addEventListener("change", apply);
  window.addEventListener("beforeprint", function () {
    events.forEach(function (item) { item.querySelector("details").open = true; });
  });
  apply();
})();
"""
