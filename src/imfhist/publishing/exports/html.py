"""One self-contained HTML page that tells the timeline as a story: an introduction, a year axis,
every event in one ordered list, in the order `list` gives (dated events by date, undated ones
where the source tells them or its relations place them), with a bar on the axis where it has a
date and, where relations place it, the span in which it started; a country and tag filter kept
in the URL, each event's details and sources on click (and, for an event placed by relations,
which relations and quotes place it), and `page.html#<event id>` to link to one event. It makes
no network request of any kind, reads well on a phone, in the dark and on paper.

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
import math
from collections.abc import Sequence
from datetime import date as calendar_date

from imfhist.common import i18n
from imfhist.common.i18n import N_, _, n_
from imfhist.common.safety import clean, safe_url
from imfhist.common.textnorm import fold
from imfhist.publishing.exports import Exported, ExportOptions, document_language
from imfhist.publishing.exports.page import script, style, template
from imfhist.publishing.exports.page.typography import typeset
from imfhist.publishing.records import worded_date
from imfhist.publishing.stats import counts
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


def _step(span: int) -> int:
    if span > 10**7:
        return 10 ** int(math.log10(span))
    return next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 10**4, 10**5, 10**6,
                            10**7) if span / s <= 8)


def _ticks(first: int, last: int) -> tuple[list[tuple[int, bool]], int]:
    """Regular years between the ends, none too close to an end label, each with whether it is
    near one (a narrow page leaves those out); and the step."""
    step = _step(last - first)
    start = first - first % step + step
    ticks = [(t, min(t - first, last - t) < step * 0.8) for t in range(start, last, step)
             if t - first >= step * 0.5 and last - t >= step * 0.5]
    return ticks, step


def _percent(year: float, first: int, last: int) -> float:
    return (year - first) / (last - first) * 100


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


def _bar(date: EdtfDate, marks: list[str], first: int, last: int) -> str:
    low = _year_fraction(date.lower) if date.lower else first
    high = _year_fraction(date.upper, end=True) if date.upper else last
    if "point" in marks:  # a dot at the middle of its year, month or day
        return (f'<span class="bar {" ".join(marks)}" '
                f'style="left:{_percent((low + high) / 2, first, last):.2f}%"></span>')
    left = _percent(low, first, last)
    width = max(_percent(high, first, last) - left, 0.6)
    return (f'<span class="bar {" ".join(marks)}" '
            f'style="left:{left:.2f}%;width:{width:.2f}%"></span>')


def _span(derived: Derived, first: int, last: int) -> tuple[str, str]:
    """The span in which an event placed by relations may have started (or ended), drawn as
    a dotted line between caps at the bounds that are known, fading out to the edge on a side
    that nothing bounds: never a bar, which would claim that the event lasted that long. The
    mark ("derived" or "derived-end") and the element."""
    which, low, high = _possible(derived)
    mark = "derived" if which == "start" else "derived-end"
    classes = ["bar", mark]
    if low is None:
        classes.append("open-start")
    if high is None:
        classes.append("open-end")
    left = _percent(_year_fraction(low) if low else first, first, last)
    right = _percent(_year_fraction(high, end=True) if high else last, first, last)
    width = max(right - left, 0.6)
    return mark, (f'<span class="{" ".join(classes)}" '
                  f'style="left:{left:.2f}%;width:{width:.2f}%"></span>')


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
DATED = {"date": N_("{event}: {date}"), "not_before": N_("{event} starts no earlier than {date}"),
         "not_after": N_("{event} ends no later than {date}")}
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
        dated = [v for v in views if v.edtf is not None]
        self.first, self.last = _axis(dated)
        self.used_marks: set[str] = set()
        # The filters' choices, sorted as readers look for them, and the class each gives the
        # events it matches (the page's script filters by these classes).
        self.countries = sorted({(fold(name), name, code) for v in views
                                 for code, name in zip(v.country_codes, v.country_names,
                                                       strict=False)})
        self.tags = sorted({t for v in views for t in v.tags}, key=fold)
        self.country_class = {code: f"c{n}" for n, (_, _, code) in enumerate(self.countries)}
        self.tag_class = {tag: f"t{n}" for n, tag in enumerate(self.tags)}
        self._names: dict[str, str] = {}  # the events as explanations name them, by id
        self._stated: dict[int, tuple[Reason, str, str]] = {}  # steps worded, by id
        # The reasons of the bounds the page explains, their chains walked once for all events.
        self.chains = Chains(reason for view in views if view.relative and view.derived
                             for name, reason in view.derived.reasons.items()
                             if name.startswith(_possible(view.derived)[0]))

    def when(self, view: EventView) -> str:
        worded = self.w.text(view.worded_date)
        if view.edtf is None:
            if view.worded_date == _("undated"):
                return ""
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

    def name(self, ident: str, view: EventView) -> str:
        """An event as the explanations name it: "this event", or its title, quoted, and a link
        to it when it is on the page."""
        if ident == view.id:
            return self.w.text(_(THIS_EVENT))
        named = self._names.get(ident)
        if named is None:
            named = self._names[ident] = self._name(ident)
        return named

    def _name(self, ident: str) -> str:
        event = self.events.get(ident)
        title = self.c.text(event.title if event else ident)
        if ident in self.on_page:
            title = f'<a href="#{self.w.attribute(ident)}">{title}</a>'
        before, _title, after = self.w.text(_(QUOTED_TITLE)).partition("{title}")
        return f"{before}{title}{after}"

    def statement(self, step: Reason, view: EventView) -> str:
        if step.relation is not None:
            template = _(PHRASES.get(step.relation.kind.value, "{event} {other}"))
            return self.w.text(template).format(event=self.name(step.event, view),
                                                other=self.name(step.relation.event.value, view))
        event = self.events.get(step.event)
        if step.kind == "date" and event is not None:
            date = worded_date(event)
        else:
            parsed = try_parse(step.text)
            date = word(parsed) if parsed else step.text
        return self.w.text(_(DATED[step.kind])).format(event=self.name(step.event, view),
                                                       date=self.w.text(date))

    def steps(self, reason: Reason, view: EventView, bound: str | None = None) -> list[str]:
        """A bound's reason, step by step from the event back to the date or bound it comes
        from, each with its quote; a long chain is cut in its middle, as `show` cuts it. The
        first step opens with `bound`, in words, when given."""
        chain, skipped = self.chains.shown(reason, _LONGEST_CHAIN)
        parts = []
        for number, step in enumerate(chain):
            if skipped > 0 and number == _LONGEST_CHAIN - 2:
                more = n_("… {count} more step …", "… {count} more steps …", skipped)
                parts.append(f"<p>{self.w.text(more.format(count=skipped))}</p>")
            statement, quote = self.stated(step, view)
            if number == 0 and bound is not None:
                heading = f"<strong>{self.w.text(bound[:1].upper() + bound[1:])}</strong>"
                statement = self.w.text(_("{bound} — {reasons}")).format(bound=heading,
                                                                       reasons=statement)
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
            statement = self.w.text(_("{statement}, according to:")).format(
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
        w = self.w
        track = ""
        if view.edtf is not None:
            marks = _marks(view.edtf)
            self.used_marks.update(marks)
            track = _bar(view.edtf, marks, self.first, self.last)
        elif view.relative and view.derived is not None:
            mark, track = _span(view.derived, self.first, self.last)
            self.used_marks.add(mark)
        edtf = f' data-edtf="{w.attribute(view.edtf.text)}"' if view.edtf else ""
        if view.former_ids:  # the page's script opens it at #old-id too
            edtf += f' data-former="{w.attribute(" ".join(view.former_ids))}"'
        classes = " ".join(["event", *(self.country_class[c] for c in view.country_codes),
                            *(self.tag_class[t] for t in view.tags)])
        return (
            f'<li class="{classes}" id="{w.attribute(view.id)}"{edtf}>'
            f'<details><summary><span class="label">{self.when(view)}'
            f'<span class="title"{self.content_attr}>{self.c.text(view.title)}</span></span>'
            f'<span class="track" aria-hidden="true">{track}</span></summary>'
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
        """The axis's labels (the first and last years at its ends, regular years between) and
        the custom properties that draw the same years as grid lines on every row."""
        ticks, step = _ticks(self.first, self.last)
        labels = [f'<span class="tick end start">{self.first}</span>']
        labels += [f'<span class="tick{" near-end" if near else ""}" '
                   f'style="left:{_percent(t, self.first, self.last):.2f}%">{t}</span>'
                   for t, near in ticks]
        if self.last - 1 > self.first:
            labels.append(f'<span class="tick end stop">{self.last - 1}</span>')
        offset = _percent(self.first - self.first % step + step, self.first, self.last)
        width = step / (self.last - self.first) * 100
        grid = f"--grid-offset:{offset:.3f}%;--grid-step:{width:.3f}%"
        return f'<div class="axis" aria-hidden="true">{"".join(labels)}</div>', grid

    def legend(self) -> str:
        names = {"period": _("period"), "point": _("single date"),
                 "fade-end": _("goes on, or end unknown"), "fade-start": _("start unknown"),
                 "approximate": _("approximate"), "uncertain": _("uncertain"),
                 "derived": _("started within this span, by what the source says of order"),
                 "derived-end": _("ended within this span, by what the source says of order")}
        items = "".join(f'<li><span class="bar sample {mark}"></span> {self.w.text(name)}</li>'
                        for mark, name in names.items() if mark in self.used_marks)
        label = self.w.text(_("Legend"))
        return f'<ul class="legend" aria-label="{label}">{items}</ul>' if items else ""

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
        return f'<p class="sources">{label} {"; ".join(parts)}</p>'

    def counts(self) -> str:
        dated = [v for v in self.views if v.edtf is not None]
        text = counts(len(self.views), len(dated))
        years = [b[0] for v in dated for b in (v.edtf.lower, v.edtf.upper) if v.edtf and b]
        if years:
            text = _("{counts}; from {first} to {last}").format(
                counts=text, first=min(years), last=max(years))
        return self.w.text(text)


def export(events: Sequence[Event], timeline: Timeline, options: ExportOptions) -> Exported:
    lang = document_language(timeline, options)
    with i18n.speaking(lang):
        return Exported(_render(events, timeline, lang, options.embed))


def _render(events: Sequence[Event], timeline: Timeline, lang: str, embed: bool) -> str:
    # The order that `list` gives too: dates, relations, and the file's order (which follows the
    # source) for what neither orders.
    ordered = in_date_order(timeline, events)
    views = event_views(ordered, timeline, lang)
    page = _Page(timeline, ordered, views, lang)
    w = page.w
    rows = [page.item(v) for v in views]
    if len(rows) > LONG:
        events = "".join(f'<ol class="events chunk" start="{start + 1}">'
                         f'{"".join(rows[start:start + CHUNK])}</ol>'
                         for start in range(0, len(rows), CHUNK))
    else:
        events = f'<ol class="events">{"".join(rows)}</ol>'
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
    def shown(count: int) -> str:
        return n_("{count} event shown", "{count} events shown", count)

    # The script counts in the page's language: French says "0 événement", English "0 events".
    shown_forms = {"one": shown(1), "other": shown(2), "zeroIsOne": shown(0) == shown(1)}
    # In another site's page, the page is one section of it: the site has its own main region
    # and its own h1 (the page's title, as WordPress shows it).
    body = template.BODY.format(
        root="section" if embed else "div", story="div" if embed else "main",
        heading="h2" if embed else "h1", subheading="h3" if embed else "h2",
        root_attributes=' aria-labelledby="imfhist_title"' if embed else "",
        lang=w.attribute(lang), content_lang=page.content_attr, title=title,
        description=description, counts=page.counts(), sources=page.sources(),
        country_options=country_options, tag_options=tag_options,
        label_filters=w.text(_("Filter the events")),
        label_country=w.text(_("Country")), label_tag=w.text(_("Tag")),
        all_countries=w.text(_("All countries")), all_tags=w.text(_("All tags")),
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
        return template.EMBED.format(lang=w.attribute(lang), title=title,
                                     style=style.embedded() + page.filter_rules(), body=body,
                                     script=script.SCRIPT)
    return template.PAGE.format(lang=w.attribute(lang), title=title,
                                style=style.STYLE + style.PAGE + page.filter_rules(), body=body,
                                script=script.SCRIPT)
