"""One self-contained HTML page that tells the timeline as a story: an introduction, a year axis,
every event in one ordered list, in the order `list` gives (dated events by date, undated ones
where the source tells them or its relations place them), each row with its date in words, its
title and summary line, and a mark on the axis: a dot or a bar where it has a date, a bracket at
the bound its relations give (or two, and a dotted line), "undated" where nothing places it;
the page's `theme` (light, dark, auto) and a site's `--imfhist-accent` and `--imfhist-font`
set its colours and font; on a longer page, a heading before each decade (or year); a country,
tag and text filter kept in the URL, each event's details and sources on click (and, for an
event placed by relations, which relations and quotes place it), and `page.html#<event id>` to
link to one event. It makes no network request of any kind, reads well on a phone, in the dark
and on paper.

The page speaks the timeline's language (its `lang`) unless --lang asks for another, and shows
dates in words; EDTF stays in `datetime` and data attributes, for machines.

With `embed`, the same page is written as a fragment to paste into another site's page (a
WordPress Custom HTML block): a custom element whose declarative shadow root holds the page,
so that the site's style sheets and the page's own cannot reach each other.

Every text from the timeline is HTML-escaped here, and the page's script only shows and hides
elements and counts them: it never turns data into markup.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator, Sequence
from datetime import date as calendar_date

from imfhist.common import i18n
from imfhist.common.i18n import N_, _, n_
from imfhist.common.safety import clean, safe_url
from imfhist.common.textnorm import fold
from imfhist.publishing.exports import Exported, ExportOptions, document_language
from imfhist.publishing.exports.page import script, style, template
from imfhist.publishing.exports.page.typography import typeset
from imfhist.publishing.records import worded_date
from imfhist.publishing.stats import worded_counts
from imfhist.publishing.view import EventView, event_views
from imfhist.timeline.chronology import PHRASES, Chains, Derived, Reason, word_range
from imfhist.timeline.dates import Bound, DatePoint, EdtfDate, try_parse, word
from imfhist.timeline.model import Citation, Event, Timeline
from imfhist.timeline.query import in_date_order

# From this many events on, the story is cut into ordered lists of CHUNK events, numbered on
# from one to the next, each laid out only when it comes into view (content-visibility): a
# filter change on 10,000 events then lays out the lists in view, not all of them. (On each
# event rather than on lists of them, Chromium takes seconds to hide a thousand.)
LONG = 300
CHUNK = 50
# From more than this many events on, the story is cut into periods, each under a heading: the
# decades, or the years when the dates span fewer than YEARS_SPAN years. A short history (the
# IMF's, 14 events) reads as one list, as before.
PERIODS = 20
YEARS_SPAN = 15


class _Writer:
    """Escapes and typesets the texts of one page, in its language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        # The same texts come back many times (the words of the explanations, the titles and
        # quotes of the events that place others): each is typeset once.
        self._done: dict[tuple[str, bool], str] = {}

    def text(self, value: str, quotes: bool = True) -> str:
        done = self._done.get((value, quotes))
        if done is None:
            # Control and invisible characters are made visible, as in the terminal (\x1b,
            # \u202e).
            done = self._done[value, quotes] = html.escape(
                typeset(clean(value), self.lang, quotes), quote=True)
        return done

    def attribute(self, value: str) -> str:
        return html.escape(clean(value), quote=True)


def _year_fraction(bound: Bound, end: bool = False) -> float:
    year, month, day = bound
    value = year + (month - 1) / 12 + (day - 1) / 365
    return value + (1 / 365 if end else 0)


def _possible(derived: Derived) -> tuple[str, Bound | None, Bound | None]:
    """Where an event without a date of its own may have started ("start"), or, when nothing
    bounds its start, ended ("end"): the earliest and latest possible dates (None: no limit)."""
    if derived.start_min is not None or derived.start_max is not None:
        return "start", derived.start_min, derived.start_max
    return "end", derived.end_min, derived.end_max


def _axis(views: Sequence[EventView]) -> tuple[int, int]:
    """The axis runs from the start of the first year a date names to the end of the last one
    (an open end fades out at the edge: the timeline does not say how long it goes on), and
    takes in the years that bound the events placed by relations."""
    bounds = [b for v in views if v.edtf for b in (v.edtf.lower, v.edtf.upper) if b]
    bounds += [b for v in views if v.relative and v.derived for b in _possible(v.derived)[1:]
               if b]
    if not bounds:
        this_year = calendar_date.today().year
        return this_year - 1, this_year + 1
    first = min(b[0] for b in bounds)
    last = max(b[0] for b in bounds) + 1
    return first, last


def _round_steps() -> Iterator[int]:
    """1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500...: the steps a reader counts in."""
    power = 1
    while True:
        yield from (power, 2 * power) if power == 1 else (power, 2 * power, 5 * power // 2)
        yield 5 * power
        power *= 10


def _parts(first: int, last: int, step: int) -> int:
    return (_ceil(last, step) - _floor(first, step)) // step


def _floor(year: int, step: int) -> int:
    return year - year % step


def _ceil(year: int, step: int) -> int:
    return -(-year // step) * step


# A wide track has room for 6 labelled years, a narrow one (a phone, a column of a site) for 4:
# each label is then at least 4 em from the next, whatever the width of the page.
WIDE_PARTS = 6
NARROW_PARTS = 4


class _Scale:
    """The axis: from a round year to a round year, with grid lines every `step` years on a wide
    track and every `coarse` years (a multiple of it) on a narrow one, each labelled."""

    def __init__(self, first: int, last: int) -> None:
        # The smallest round step that cuts the years into few enough parts, and for a narrow
        # track the smallest round multiple of it that cuts them into at least two: 2000 to
        # 2025 by 5, and by 10 on a phone; 1900 to 2000 by 25 on both (by 20, a phone would
        # get 100, one part).
        for step in _round_steps():
            if _parts(first, last, step) > WIDE_PARTS:
                continue
            start, stop = _floor(first, step), _ceil(last, step)
            coarse = next(c for c in _round_steps() if c % step == 0 and
                          (stop - start) / c <= NARROW_PARTS)
            if (stop - start) / coarse >= 2 or coarse == step:
                break
        self.step, self.coarse, self.start, self.stop = step, coarse, start, stop

    def percent(self, year: float) -> float:
        return (year - self.start) / (self.stop - self.start) * 100


def _marks(date: EdtfDate) -> list[str]:
    """The visual marks of a date, as classes of its bar; each one is explained in the legend."""
    points = [p for p in (date.start, date.end) if p]
    lower = _year_fraction(date.lower) if date.lower else None
    upper = _year_fraction(date.upper, end=True) if date.upper else None
    marks = []
    if lower is not None and upper is not None and upper - lower <= 1.01 and not date.is_interval:
        marks.append("point")
    else:
        marks.append("period")
    if date.end_open or date.end_unknown:
        marks.append("fade-end")
    if date.start_open or date.start_unknown:
        marks.append("fade-start")
    if any(p.approximate for p in points):
        marks.append("approximate")
    if any(p.uncertain for p in points):
        marks.append("uncertain")
    return marks


def _bar(date: EdtfDate, marks: list[str], scale: _Scale) -> str:
    """A dot for a date within a year or less, a bar for a period; an open or unknown end is an
    arrow to the edge of the axis, kept inside it."""
    low = _year_fraction(date.lower) if date.lower else scale.start
    high = _year_fraction(date.upper, end=True) if date.upper else scale.stop
    classes = f'mark bar {" ".join(marks)}'
    if "point" in marks:  # a dot at the middle of its year, month or day, inside the frame
        middle = scale.percent((low + high) / 2)
        return (f'<span class="{classes}" '
                f'style="left:clamp(.5em,{middle:.2f}%,100% - .5em)"></span>')
    left = scale.percent(low)
    if "fade-end" in marks:
        return f'<span class="{classes}" style="left:{left:.2f}%;right:0"></span>'
    right = scale.percent(high)
    width = max(right - left, 0.6)
    return f'<span class="{classes}" style="left:{left:.2f}%;width:{width:.2f}%"></span>'


def _span(derived: Derived, scale: _Scale) -> tuple[str, str]:
    """Where an event placed by relations may have started (or ended): between two known
    bounds, a bracket at each joined by a dotted line; with one bound only, a bracket at it and
    a short arrow toward the side where the date may lie ("by 2019": a bracket at the end of
    2019, an arrow toward the years before) -- never a line across the decades nothing bounds,
    nor a bar, which would claim that the event lasted that long. The mark and the element."""
    which, low, high = _possible(derived)
    end = "" if which == "start" else "-end"
    if low is not None and high is not None:
        left = scale.percent(_year_fraction(low))
        width = max(scale.percent(_year_fraction(high, end=True)) - left, 0.6)
        return f"between{end}", (f'<span class="mark between" '
                                 f'style="left:{left:.2f}%;width:{width:.2f}%"></span>')
    if high is not None:
        at = scale.percent(_year_fraction(high, end=True))
        return f"upper{end}", (f'<span class="mark bound upper" '
                               f'style="left:max(0px,calc({at:.2f}% - var(--bound)))"></span>')
    assert low is not None
    at = scale.percent(_year_fraction(low))
    return f"lower{end}", (f'<span class="mark bound lower" '
                           f'style="left:min({at:.2f}%,100% - var(--bound))"></span>')


def machine_date(point: DatePoint | None) -> str | None:
    """A date as HTML's `datetime` attribute accepts it (a year of four digits or more, a
    month, a day), or None when HTML has no form for it (a decade, a season, a year BCE)."""
    if point is None or point.year < 1 or point.precision not in ("year", "month", "day"):
        return None
    year, month, day = point.lower
    if point.precision == "year":
        return f"{year:04d}"
    if point.precision == "month":
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


# How the page words what places an event without a date: the other events by their titles,
# the event itself as "this event".
THIS_EVENT = N_("this event")
QUOTED_TITLE = N_("“{title}”")
# The date that ends a chain is worded as the page shows it beside that event ("dès 2004").
DATED = {"date": N_("{event}: {date}"), "not_before": N_("{event} began no earlier than {date}"),
         "not_after": N_("{event} ended no later than {date}")}
# What a relation says, told as history: the events named by their titles and dates.
TOLD = {
    "before": N_("{event} ended before {other} began"),
    "after": N_("{event} began after {other} ended"),
    "starts_before": N_("{event} began before {other}"),
    "starts_after": N_("{event} began after {other} began"),
    "ends_before": N_("{event} ended before {other} ended"),
    "ends_after": N_("{event} ended after {other} ended"),
    "during": N_("{event} took place during {other}"),
    "contains": N_("{event} lasted through the whole of {other}"),
}
# The marks of the axis, in the legend's order, with what each says.
LEGEND = {
    "point": N_("a date"), "period": N_("a period"),
    "fade-end": N_("goes on, or its end is unknown"), "fade-start": N_("its start is unknown"),
    "approximate": N_("approximate date"), "uncertain": N_("uncertain date"),
    "upper": N_("began no later than this date"), "lower": N_("began no earlier than this date"),
    "between": N_("began between these dates"),
    "upper-end": N_("ended no later than this date"),
    "lower-end": N_("ended no earlier than this date"),
    "between-end": N_("ended between these dates"),
    "unplaced": N_("undated: nothing in the source places it in time"),
}
# A sample of each mark for the legend, drawn on a short track as the rows draw it.
SAMPLES = {
    "point": "left:50%", "period": "left:0;width:100%", "fade-end": "left:0;right:0",
    "fade-start": "left:0;width:100%", "approximate": "left:0;width:100%",
    "uncertain": "left:0;width:100%", "upper": "left:calc(100% - var(--bound))",
    "lower": "left:0", "between": "left:0;width:100%",
}
_LONGEST_CHAIN = 6


class _Page:
    def __init__(self, timeline: Timeline, events: Sequence[Event], views: list[EventView],
                 lang: str) -> None:
        self.timeline = timeline
        self.views = views
        self.relations = {event.id.value: event.relations for event in events}
        self.on_page = {view.id for view in views}
        self.events: dict[str, Event] = {}
        for event in timeline.events:
            self.events.setdefault(event.id.value, event)
        self.source_by_id = timeline.source_by_id()
        self.lang = lang
        self.w = _Writer(lang)
        # The timeline's own texts keep their language when the page's words are in another.
        content_lang = timeline.lang or lang
        self.c = _Writer(content_lang)
        self.content_attr = (f' lang="{self.w.attribute(content_lang)}"'
                             if content_lang != lang else "")
        self.scale = _Scale(*_axis(views))
        self.dates = {view.id: view.worded_date for view in views}
        self.used_marks: set[str] = set()
        # The filters' choices, sorted as readers look for them, and the class each gives the
        # events it matches (the page's script filters by these classes).
        self.countries = sorted({(fold(name), name, code) for v in views
                                 for code, name in zip(v.country_codes, v.country_names,
                                                       strict=False)})
        self.tags = sorted({t for v in views for t in v.tags}, key=fold)
        self.country_class = {code: f"c{n}" for n, (_, _, code) in enumerate(self.countries)}
        self.tag_class = {tag: f"t{n}" for n, tag in enumerate(self.tags)}
        self._names: dict[tuple[str, bool], str] = {}  # events as explanations name them
        self._stated: dict[int, tuple[Reason, str, str]] = {}  # steps worded, by id
        # The reasons of the bounds the page explains, their chains walked once for all events.
        self.chains = Chains(reason for view in views if view.relative and view.derived
                             for name, reason in view.derived.reasons.items()
                             if name.startswith(_possible(view.derived)[0]))

    def when(self, view: EventView) -> str:
        worded = self.w.text(view.worded_date)
        if view.edtf is None:
            if view.worded_date == _("undated"):
                return f'<span class="when undated">{worded}</span>'
            return f'<span class="when">{worded}</span>'
        start = view.edtf.start or view.edtf.end
        machine = machine_date(start)
        if machine is None:
            return f'<span class="when">{worded}</span>'
        return f'<time class="when" datetime="{machine}">{worded}</time>'

    def details(self, view: EventView) -> str:
        w = self.w
        rows = []
        if view.summary:
            rows.append(f'<p class="summary"{self.content_attr}>{self.c.text(view.summary)}</p>')
        facts = [(_("Countries"), ", ".join(view.country_names)),
                 (_("Regions"), ", ".join(view.regions)), (_("Places"), ", ".join(view.places)),
                 (_("Actors"), ", ".join(view.actors)), (_("Tags"), ", ".join(view.tags))]
        items = "".join(f"<dt>{w.text(label)}</dt><dd>{self.c.text(value)}</dd>"
                        for label, value in facts if value)
        if items:
            rows.append(f"<dl>{items}</dl>")
        for citation in view.citations:
            source = w.text(citation.source_title)
            if citation.url:
                source = (f'<a href="{w.attribute(citation.url)}" rel="noopener noreferrer">'
                          f"{source}</a>")
            # The quote is the source's own words: spacing only, its quotation marks untouched.
            quote = self.c.text(citation.quote, quotes=False)
            rows.append(f"<blockquote{self.content_attr}><p>{quote}</p>"
                        f"<footer>{source}</footer></blockquote>")
        placement = self.placement(view)
        if placement:
            rows.append(f'<div class="placement">{placement}</div>')
        link = w.text(_("Link to this event"))
        rows.append(f'<p class="permalink"><a href="#{w.attribute(view.id)}">{link}</a></p>')
        return "".join(rows)

    def source(self, citation: Citation) -> str:
        source = self.source_by_id.get(citation.ref.value)
        text = self.w.text(source.title if source else citation.ref.value)
        url = safe_url(source.url) if source else None
        if url:
            text = f'<a href="{self.w.attribute(url)}" rel="noopener noreferrer">{text}</a>'
        return text

    def quoted(self, citation: Citation) -> str:
        quote = self.c.text(citation.quote.value, quotes=False)
        return (f"<blockquote{self.content_attr}><p>{quote}</p>"
                f"<footer>{self.source(citation)}</footer></blockquote>")

    def name(self, ident: str, view: EventView, dated: bool = True) -> str:
        """An event as the explanations name it: "this event", or its title, quoted, and a link
        to it when it is on the page, followed by its date in words when it has one."""
        if ident == view.id:
            return self.w.text(_(THIS_EVENT))
        key = (ident, dated)
        named = self._names.get(key)
        if named is None:
            named = self._names[key] = self._name(ident, dated)
        return named

    def _name(self, ident: str, dated: bool) -> str:
        event = self.events.get(ident)
        title = self.c.text(event.title if event else ident)
        if ident in self.on_page:
            title = f'<a href="#{self.w.attribute(ident)}">{title}</a>'
        before, _title, after = self.w.text(_(QUOTED_TITLE)).partition("{title}")
        named = f"{before}{title}{after}"
        when = self.dates.get(ident) or (worded_date(event) if event else None)
        if dated and when and when != _("undated"):
            named += f" ({self.w.text(when)})"
        return named

    def statement(self, step: Reason, view: EventView) -> str:
        if step.relation is not None:
            template = _(TOLD.get(step.relation.kind.value, "{event} {other}"))
            return self.w.text(template).format(event=self.name(step.event, view),
                                                other=self.name(step.relation.event.value, view))
        event = self.events.get(step.event)
        if step.kind == "date" and event is not None:
            date = worded_date(event)
        else:
            parsed = try_parse(step.text)
            date = word(parsed) if parsed else step.text
        return self.w.text(_(DATED[step.kind])).format(
            event=self.name(step.event, view, dated=False), date=self.w.text(date))

    def steps(self, reason: Reason, view: EventView, bound: str | None = None) -> list[str]:
        """A bound's reason, step by step from the event back to the date or bound it comes
        from, each with its quote; a long chain is cut in its middle, as `show` cuts it. The
        first step opens with `bound`, in words, when given."""
        chain, skipped = self.chains.shown(reason, _LONGEST_CHAIN)
        parts = []
        for number, step in enumerate(chain):
            if number and step.kind == "date" and step.citation is None:
                continue  # the step before named that event with its date in words
            if skipped > 0 and number == _LONGEST_CHAIN - 2:
                more = n_("… {count} more step …", "… {count} more steps …", skipped)
                parts.append(f"<p>{self.w.text(more.format(count=skipped))}</p>")
            statement, quote = self.stated(step, view)
            if number == 0 and bound is not None:
                heading = f"<strong>{self.w.text(bound[:1].upper() + bound[1:])}</strong>"
                statement = self.w.text(_("{bound}: {reasons}")).format(bound=heading,
                                                                      reasons=statement)
            elif statement[:1].islower():  # "this event" opens the sentence
                statement = statement[:1].upper() + statement[1:]
            parts.append(f"<p>{statement}</p>{quote}")
        return parts

    def stated(self, step: Reason, view: EventView) -> tuple[str, str]:
        """A step's sentence and its quote. On a chain, a step explains the bounds of several
        events: it is worded once for all those it does not name as "this event"."""
        other = step.relation.event.value if step.relation is not None else None
        shared = view.id not in (step.event, other)
        if shared:
            done = self._stated.get(id(step))
            if done is not None and done[0] is step:
                return done[1], done[2]
        statement = self.statement(step, view)
        if step.citation is not None:
            statement = self.w.text(_("{statement}, according to the source:")).format(
                statement=statement)
        quote = self.quoted(step.citation) if step.citation is not None else ""
        if shared:
            self._stated[id(step)] = (step, statement, quote)
        return statement, quote

    def placement(self, view: EventView) -> str:
        """What places an event without a date of its own: each bound of its start (or of its
        end, when nothing bounds the start) with the relations and quotes that give it; then
        the relations it holds that no bound came from (they order it among the others)."""
        parts = []
        explained: list[Reason] = []
        if view.relative and view.derived is not None:
            which = _possible(view.derived)[0]
            for name in (f"{which}_min", f"{which}_max"):
                value = getattr(view.derived, name)
                reason = view.derived.reasons.get(name)
                if value is None or reason is None:
                    continue
                explained.append(reason)
                bound = (word_range(value, None) if name.endswith("_min")
                         else word_range(None, value))
                parts.extend(self.steps(reason, view, bound))
        # A relation of this event that a bound came from is explained with that bound: the
        # steps made of this event's relations are few, and whether one is on a bound's chain
        # is answered without walking the chain.
        own = self.chains.relations.get(view.id, ()) if explained else ()
        shown = {id(step.relation) for step in own
                 if any(self.chains.holds(reason, step) for reason in explained)}
        for relation in self.relations.get(view.id, ()):
            if id(relation) in shown or relation.kind.value not in PHRASES:
                continue
            parts.extend(self.steps(Reason("relation", view.id, relation.loc,
                                           citation=relation.citation, relation=relation), view))
        return "".join(parts)

    def item(self, view: EventView) -> str:
        """One row: the date in words, the title and the first line of the summary, and the
        event's mark on the axis; its details open below."""
        w = self.w
        if view.edtf is not None:
            marks = _marks(view.edtf)
            self.used_marks.update(marks)
            track = _bar(view.edtf, marks, self.scale)
        elif view.relative and view.derived is not None:
            mark, track = _span(view.derived, self.scale)
            self.used_marks.add(mark)
        else:  # nothing places it: said in words where the date column does not say it
            self.used_marks.add("unplaced")
            undated = _("undated")
            words = ("" if view.worded_date == undated
                     else f'<span class="unplaced-words">{w.text(undated)}</span>')
            track = f'<span class="mark unplaced">{words}</span>'
        edtf = f' data-edtf="{w.attribute(view.edtf.text)}"' if view.edtf else ""
        if view.former_ids:  # the page's script opens it at #old-id too
            edtf += f' data-former="{w.attribute(" ".join(view.former_ids))}"'
        classes = " ".join(["event", *(self.country_class[c] for c in view.country_codes),
                            *(self.tag_class[t] for t in view.tags)])
        gist = (f'<span class="gist" aria-hidden="true"{self.content_attr}>'
                f"{self.c.text(view.summary)}</span>" if view.summary else "")
        return (
            f'<li class="{classes}" id="{w.attribute(view.id)}"{edtf}>'
            f'<details><summary>{self.when(view)}<span class="label">'
            f'<span class="title"{self.content_attr}>{self.c.text(view.title)}</span>{gist}'
            f'</span><span class="track" aria-hidden="true">{track}</span></summary>'
            f'<div class="details">{self.details(view)}</div></details></li>'
        )

    def filter_rules(self) -> str:
        """The style rules that hide the events a filter leaves out: the page's script sets the
        chosen class on the story (data-country, data-tag), these rules do the rest."""
        selectors = [f'.story[data-{key}="{name}"] li.event:not(.{name})'
                     for key, names in (("country", self.country_class.values()),
                                        ("tag", self.tag_class.values())) for name in names]
        return ",\n".join(selectors) + " { display: none; }\n" if selectors else ""

    def axis(self) -> tuple[str, str]:
        """The axis's header, over the whole row: the columns' names, and over the tracks a
        label at every grid line (those of the wide step only on a wide track); and the custom
        properties that draw the same lines on every row."""
        scale = self.scale
        labels = []
        for year in range(scale.start, scale.stop + 1, scale.step):
            classes = ["tick"]
            if year % scale.coarse:
                classes.append("fine")
            if year == scale.start:
                classes.append("at-start")
            elif year == scale.stop:
                classes.append("at-stop")
            labels.append(f'<span class="{" ".join(classes)}" '
                          f'style="left:{scale.percent(year):.3f}%">{year}</span>')
        span = scale.stop - scale.start
        coarse_first = _floor(scale.start, scale.coarse) + scale.coarse
        grid = (f"--fine-offset:{scale.step / span * 100:.3f}%;"
                f"--fine-step:{scale.step / span * 100:.3f}%;"
                f"--coarse-offset:{scale.percent(coarse_first):.3f}%;"
                f"--coarse-step:{scale.coarse / span * 100:.3f}%")
        when, what = self.w.text(_("When")), self.w.text(_("Event"))
        header = (f'<div class="axis" aria-hidden="true">'
                  f'<span class="axis-when">{when}</span><span class="axis-what">{what}</span>'
                  f'<span class="scale">{"".join(labels)}</span></div>')
        return header, grid

    def legend(self) -> str:
        """The marks the rows use, and only those, each drawn as the rows draw it."""
        items = []
        for mark, name in LEGEND.items():
            if mark not in self.used_marks:
                continue
            shape = mark.split("-")[0] if mark.split("-")[0] in ("upper", "lower", "between") \
                else mark
            if shape in ("upper", "lower"):
                sample = f'<span class="mark bound {shape}" style="{SAMPLES[shape]}"></span>'
            elif shape == "between":
                sample = f'<span class="mark between" style="{SAMPLES[shape]}"></span>'
            elif shape == "unplaced":
                sample = '<span class="mark unplaced"></span>'
            else:
                extra = "" if shape in ("point", "period") else " period"
                sample = f'<span class="mark bar{extra} {shape}" style="{SAMPLES[shape]}"></span>'
            items.append(f'<li><span class="sample" aria-hidden="true">{sample}</span> '
                         f"{self.w.text(_(name))}</li>")
        if not items:
            return ""
        label = self.w.text(_("Legend"))
        return (f'<details class="key"><summary>{label}</summary>'
                f'<ul class="legend" aria-label="{label}">{"".join(items)}</ul></details>')

    def sources(self) -> str:
        used = {c.source_id for v in self.views for c in v.citations}
        sources = [s for s in self.timeline.sources if s.id.value in used]
        if not sources:
            return ""
        parts = []
        for source in sources:
            text = self.w.text(source.title)
            url = next((c.url for v in self.views for c in v.citations
                        if c.source_id == source.id.value and c.url), None)
            if url:
                text = f'<a href="{self.w.attribute(url)}" rel="noopener noreferrer">{text}</a>'
            if source.publisher:
                text += ", " + self.w.text(source.publisher)
            parts.append(text)
        label = self.w.text(n_("Source:", "Sources:", len(sources)))
        # The separator is typeset as the language sets it ("IMF ; L’IMF" in French).
        separator = typeset("x; y", self.lang).removeprefix("x").removesuffix("y")
        return f'<p class="sources">{label} {separator.join(parts)}</p>'

    def counts(self) -> str:
        """The counts as `stats` words them, in a sentence, with the years the dates span."""
        text = worded_counts(self.views)
        years = [b[0] for v in self.views if v.edtf
                 for b in (v.edtf.lower, v.edtf.upper) if b]
        if years and min(years) != max(years):
            text = _("{counts}. The dates run from {first} to {last}.").format(
                counts=text, first=min(years), last=max(years))
        elif years:
            text = _("{counts}. The dates are in {year}.").format(counts=text, year=years[0])
        else:
            text = _("{counts}.").format(counts=text)
        return self.w.text(text)


def _period_start(view: EventView) -> int | None:
    """The year an event is filed under: the first year it may have started (for an event
    placed by relations, the earliest start they allow), or None when nothing says it."""
    if view.edtf is not None:
        bound = view.edtf.lower or view.edtf.upper
        return bound[0] if bound else None
    if view.relative and view.derived is not None and view.derived.start_min is not None:
        return view.derived.start_min[0]
    return None


def _periods(views: Sequence[EventView]) -> list[tuple[str | None, int]]:
    """Where the story's headings go: (the heading's words or None, the index of its first
    event), in story order. A heading comes before the first event of each decade (or year,
    on a short span); an event that nothing dates, or that the story tells after later ones,
    stays where the story tells it, under the heading before it, so that the order is kept
    and no period is named twice. Without enough events, one period without a heading."""
    if len(views) <= PERIODS:
        return [(None, 0)]
    years = [_period_start(v) for v in views]
    known = [y for y in years if y is not None]
    if not known:
        return [(None, 0)]
    by_year = max(known) - min(known) < YEARS_SPAN
    periods: list[tuple[str | None, int]] = []
    current: int | None = None
    for index, year in enumerate(years):
        if year is None:
            if not periods:
                periods.append((None, index))
            continue
        key = year if by_year else year - year % 10
        if current is None or key > current:
            current = key
            words = str(key) if by_year else _("the {decade}s").format(decade=key)
            periods.append((words[:1].upper() + words[1:], index))
    return periods


def _story(rows: Sequence[str], views: Sequence[EventView], w: _Writer, level: str) -> str:
    """The events as ordered lists numbered on from one to the next: one list on a short page,
    one list per period under its heading on a longer one, cut into lists of CHUNK on a long
    one."""
    periods = _periods(views)
    if len(periods) == 1 and periods[0][0] is None and len(rows) <= LONG:
        return f'<ol class="events">{"".join(rows)}</ol>'
    parts = []
    bounds = [index for _words, index in periods] + [len(rows)]
    for number, (words, first) in enumerate(periods):
        last = bounds[number + 1]
        lists = []
        step = CHUNK if len(rows) > LONG else last - first
        for start in range(first, last, step):
            stop = min(start + step, last)
            # A short list laid out only in view is given about the height it will take.
            size = ("" if len(rows) <= LONG or stop - start == CHUNK
                    else f' style="contain-intrinsic-size:auto {(stop - start) * 60}px"')
            chunk = " chunk" if len(rows) > LONG else ""
            lists.append(f'<ol class="events{chunk}" start="{start + 1}"{size}>'
                         f'{"".join(rows[start:stop])}</ol>')
        heading = (f'<{level} class="era-heading">{w.text(words)}</{level}>'
                   if words is not None else "")
        parts.append(f'<div class="era">{heading}{"".join(lists)}</div>')
    return "".join(parts)


def export(events: Sequence[Event], timeline: Timeline, options: ExportOptions) -> Exported:
    lang = document_language(timeline, options)
    with i18n.speaking(lang):
        return Exported(_render(events, timeline, lang, options))


def _render(events: Sequence[Event], timeline: Timeline, lang: str,
            options: ExportOptions) -> str:
    embed = options.embed
    # Inside another site's page, light unless asked: the site's own colours are seldom dark,
    # and it cannot follow the reader's setting as a whole page does.
    theme = options.theme or ("light" if embed else "auto")
    # The order that `list` gives too: dates, relations, and the file's order (which follows the
    # source) for what neither orders.
    ordered = in_date_order(timeline, events)
    views = event_views(ordered, timeline, lang)
    page = _Page(timeline, ordered, views, lang)
    w = page.w
    rows = [page.item(v) for v in views]
    events = _story(rows, views, w, "h4" if embed else "h3")
    axis, grid = page.axis()
    country_options = "".join(
        f'<option value="{w.attribute(code)}" data-class="{page.country_class[code]}">'
        f"{w.text(name)}</option>" for _key, name, code in page.countries)
    tag_options = "".join(
        f'<option value="{w.attribute(tag)}" data-class="{page.tag_class[tag]}">'
        f"{page.c.text(tag)}</option>" for tag in page.tags)
    title = page.c.text(timeline.title) if timeline.title else w.text(_("Timeline"))
    description = (f'<p class="description"{page.content_attr}>'
                   f"{page.c.text(timeline.description)}</p>" if timeline.description else "")
    heading_tag = "h2" if embed else "h1"
    heading = (f'<{heading_tag} class="heading" id="imfhist_title"{page.content_attr}>{title}'
               f"</{heading_tag}>" if options.title else "")
    # Without its heading, the region is named by the title all the same.
    named = (' aria-labelledby="imfhist_title"' if options.title
             else f' aria-label="{w.attribute(timeline.title or _("Timeline"))}"')
    def shown(count: int) -> str:
        return n_("{count} event shown", "{count} events shown", count)

    # The script counts in the page's language: French says "0 événement", English "0 events".
    shown_forms = {"one": shown(1), "other": shown(2), "zeroIsOne": shown(0) == shown(1)}
    # In another site's page, the page is one section of it: the site has its own main region
    # and its own h1 (the page's title, as WordPress shows it).
    body = template.BODY.format(
        root="section" if embed else "div", story="div" if embed else "main",
        heading=heading, subheading="h3" if embed else "h2",
        root_attributes=(named if embed else "") + f' data-theme="{theme}"',
        lang=w.attribute(lang), description=description,
        counts_class="counts" if description else "counts lead", counts=page.counts(),
        sources=page.sources(),
        country_options=country_options, tag_options=tag_options,
        label_filters=w.text(_("Filter the events")),
        label_country=w.text(_("Country")), label_tag=w.text(_("Tag")),
        all_countries=w.text(_("All countries")), all_tags=w.text(_("All tags")),
        label_search=w.text(_("Words to find")),
        search_hint=w.text(_("in the titles, summaries and quotes")),
        show_all=w.text(_("Show all events")),
        shown=w.text(shown(len(views)).format(count=len(views))),
        shown_forms=w.attribute(json.dumps(
            {k: typeset(v, lang) if isinstance(v, str) else v for k, v in shown_forms.items()},
            ensure_ascii=False)),
        legend=page.legend(), axis=axis, grid=grid, events=events,
        story_heading=w.text(_("The events in order")),
        empty=w.text(_("No event matches these filters.")),
        hint=w.text(_("Select an event to see its details and its sources.")),
        made_with=w.text(_("Made with imfhist.")),
    )
    if embed:
        return template.EMBED.format(lang=w.attribute(lang), title=title, theme=theme,
                                     style=style.embedded() + page.filter_rules(), body=body,
                                     script=script.SCRIPT)
    schemes = {"light": "light", "dark": "dark", "auto": "light dark"}
    return template.PAGE.format(lang=w.attribute(lang), title=title, theme=theme,
                                color_scheme=schemes[theme],
                                style=style.STYLE + style.PAGE + page.filter_rules(), body=body,
                                script=script.SCRIPT)
