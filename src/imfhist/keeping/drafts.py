"""New events from what people type or put in a spreadsheet: each field checked and explained.

`EventDraft` is what the user gave, as text. `Builder.event` turns a draft into the record that
imfhist.keeping.writer adds to the file, or into a list of (field, message) saying what is wrong, so
that `imfhist add` can ask again and `imfhist import` can name the row and column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from imfhist.common.i18n import N_, _
from imfhist.common.problems import quoted
from imfhist.common.suggest import Suggester, did_you_mean
from imfhist.common.textnorm import fold, fold_name
from imfhist.keeping.writer import slug
from imfhist.timeline.dates import EdtfError, word
from imfhist.timeline.duplicates import Duplicates, Seen
from imfhist.timeline.model import Timeline
from imfhist.timeline.wordings import from_wording

if TYPE_CHECKING:
    from imfhist.checking.rules.claims import Claims


@dataclass
class EventDraft:
    title: str = ""
    date: str = ""
    summary: str = ""
    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    source: str = ""
    quote: str = ""
    id: str = ""
    # What the source says of the event's order against others, as KIND:EVENT, and the quote
    # that says it (the event's own quote when none is given).
    relations: list[str] = field(default_factory=list)
    relation_quote: str = ""


Problems = list[tuple[str, str]]  # (field, message)

# The fields of a draft as messages name them, in the user's language.
FIELD_NAMES = {"title": N_("title"), "date": N_("date"), "summary": N_("summary"),
               "countries": N_("countries"), "regions": N_("regions"), "places": N_("places"),
               "actors": N_("actors"), "tags": N_("tags"), "source": N_("source"),
               "quote": N_("quote"), "id": N_("id")}


def field_name(field: str) -> str:
    """`field` as a message names it: a draft's field in the user's language; anything else
    (an option such as --new-actor, a spreadsheet's column) as it is."""
    return _(FIELD_NAMES[field]) if field in FIELD_NAMES else field


def parse_relation(written: str) -> tuple[str, str] | str:
    """(kind, other event) for `KIND:OTHER` (`starts_before:altermed`), or what is wrong."""
    from imfhist.timeline.chronology import RELATIONS

    kind, colon, other = written.partition(":")
    kind = kind.strip().casefold().replace("-", "_").replace(" ", "_")
    other = other.strip()
    if not colon or not kind or not other:
        return _("'{value}' should be KIND:EVENT, as in starts_before:altermed").format(
            value=written)
    if kind not in RELATIONS:
        hint = did_you_mean(Suggester(list(RELATIONS))(kind))
        message = _("'{kind}' is not a kind of relation: {kinds}").format(
            kind=kind, kinds=", ".join(RELATIONS))
        return f"{message} ({hint})" if hint else message
    return kind, other


def split(values: Sequence[str] | None) -> list[str]:
    """Values given as repeated options or as one comma-separated list."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


class Builder:
    """Checks drafts against one timeline, and remembers the ids it has given out."""

    def __init__(self, timeline: Timeline, *, allow_duplicate: bool = False) -> None:
        self.timeline = timeline
        self.allow_duplicate = allow_duplicate
        self.ids = {e.id.value for e in timeline.events}
        self.duplicates = Duplicates()
        for event in timeline.events:
            self.duplicates.see(Seen(event.id.value, event.loc.line), event.title,
                                event.date.value if event.date else None,
                                [(c.ref.value, c.quote.value) for c in event.sources])
        self.places = {p.id.value: p.name for p in timeline.places}
        self.actors = {a.id.value: a.name for a in timeline.actors}
        self.sources = timeline.source_by_id()
        self._claims: Claims | None = None
        # Aliases that the add dialogue gives existing actors, by actor id: written with the event.
        self.new_aliases: dict[str, list[str]] = {}

    def date(self, text: str) -> tuple[str | None, str | None, str | None]:
        """(EDTF, wording to keep, error) for a typed date; blank is undated."""
        if not text.strip():
            return None, None, None
        try:
            date, label = from_wording(text)
        except EdtfError as error:
            return None, None, str(error)
        return date, label, None

    def country(self, written: str) -> str | None:
        """The error for a country name, or None when it names one."""
        from imfhist.timeline.places import countries

        index = countries()
        if index.resolve(written):
            return None
        hint = did_you_mean(index.suggest(written))
        message = _("'{name}' is not a country").format(name=quoted(written, marks=False))
        return f"{message} ({hint})" if hint else message

    def reference(self, kind: str, written: str) -> tuple[str | None, str | None]:
        """(id, error) for an actor or place given by id or name."""
        known = self.places if kind == "place" else self.actors
        if written in known:
            return written, None
        by_name = [i for i, name in known.items() if fold_name(name) == fold_name(written)]
        if len(by_name) == 1:
            return by_name[0], None
        hint = did_you_mean(Suggester([*known, *known.values()])(written))
        message = (_("no place has the id or name '{name}'") if kind == "place" else
                   _("no actor has the id or name '{name}'")).format(
                       name=quoted(written, marks=False))
        return None, f"{message} ({hint})" if hint else message

    def quote(self, source_id: str, quote: str) -> str | None:
        """The error for a quote that says too little, or that its source's archive does not
        hold as whole words in that order (the rules quote-words and quote-not-found)."""
        from imfhist.checking.rules.quotes import find_quote
        from imfhist.timeline.evidence import archive_text, partial_word_part, too_few_words

        if not quote.strip():
            return None
        too_short = too_few_words(quote)
        if too_short:
            return too_short
        source = self.sources.get(source_id)
        if source is None:
            return None
        archive = archive_text(self.timeline, source)  # an unreadable one: reported by validate
        if archive is None:
            return None
        if find_quote(quote, archive) is not None:
            from imfhist.timeline.nearest import described, nearest_passage

            passage = nearest_passage(quote, archive)
            refusal = _("the quote is not in source '{source}'").format(source=source_id)
            if passage:
                return f"{refusal}; {described(passage)}"
            return refusal + _(" (find the page's words with `imfhist source search WORDS…`; a "
                               "fact another page states needs that page: `imfhist source add`)")
        part = partial_word_part(quote, archive)
        if part is not None:
            return _("“{part}” is not found as whole words in source '{source}', after the "
                     "part before it").format(part=part[:60], source=source_id)
        return None

    def duplicate(self, ident: str, title: str, date: str | None,
                  quotes: list[tuple[str, str]], row: int, remember: bool = True) -> str | None:
        """The error for an event that repeats one of the timeline or an earlier row; None
        when it is new or duplicates are allowed. Either way the event is remembered, unless
        `remember` is false."""
        found = self.duplicates.see(Seen(ident, 0, row), title, date, quotes, remember=remember)
        if found is None or self.allow_duplicate:
            return None
        first, how = found
        if first.row:
            return _("it repeats row {row} ('{id}'): {how}; give --allow-duplicate to add it "
                     "anyway").format(row=first.row, id=first.id, how=how)
        return _("it repeats event '{id}' (line {line}): {how}; give --allow-duplicate to add "
                 "it anyway").format(id=first.id, line=first.line, how=how)

    def event(self, draft: EventDraft, row: int = 0, *,
              remember: bool = True) -> tuple[dict[str, Any] | None, Problems]:
        """The record for a draft, or what is wrong with it; `row` is its row in a
        spreadsheet (0 for `imfhist add`), so that a later row repeating it can name it.
        `remember=False` checks a draft that is still being corrected: neither its id nor its
        title and quotes are kept as taken."""
        problems: Problems = []
        if not draft.title.strip():
            problems.append(("title", _("a title is needed")))
        date, label, error = self.date(draft.date)
        if error:
            problems.append(("date", error))
        for country in draft.countries:
            error = self.country(country)
            if error:
                problems.append(("countries", error))
        place_ids: list[str] = []
        actor_ids: list[str] = []
        for kind, given, ids in (("place", draft.places, place_ids),
                                 ("actor", draft.actors, actor_ids)):
            for written in given:
                found, error = self.reference(kind, written)
                if error:
                    problems.append(("places" if kind == "place" else "actors", error))
                elif found:
                    ids.append(found)
        source = draft.source.strip()
        if not source and len(self.sources) == 1:
            source = next(iter(self.sources))
        if not source:
            problems.append(("source", _("a source is needed: one of {sources}").format(
                sources=", ".join(sorted(self.sources)[:10])) if self.sources else
                _("a source is needed: archive its page with `imfhist source add` first")))
        elif source not in self.sources:
            hint = did_you_mean(Suggester(self.sources)(source))
            message = _("no source has the id '{id}'").format(id=quoted(source, marks=False))
            problems.append(("source", f"{message} ({hint})" if hint else message))
        if not draft.quote.strip():
            problems.append(("quote", _("a quote from the source is needed")))
        else:
            error = self.quote(source, draft.quote)
            if error:
                problems.append(("quote", error))
        ident = draft.id.strip() or slug(draft.title, self.ids)
        if draft.id.strip() and draft.id.strip() in self.ids:
            problems.append(("id", _("event id '{id}' is already used").format(
                id=quoted(ident, marks=False))))
        if draft.title.strip():
            error = self.duplicate(ident, draft.title.strip(), date, [(source, draft.quote)],
                                   row, remember)
            if error:
                problems.append(("title", error))
        relations = self.relations(draft, ident, source, problems)
        if problems:
            return None, problems
        record: dict[str, Any] = {"id": ident, "title": draft.title.strip()}
        if draft.summary.strip():
            record["summary"] = draft.summary.strip()
        if date:
            record["date"] = date
        if label:
            record["date_label"] = label
        # A value given twice (`--tag x --tag x`, `-c MA -c Maroc`) is written once: the rule
        # `repeated-value` would warn about the repeat, which says nothing the first does not.
        from imfhist.checking.rules.lists import list_keys, without_repeats

        keys = list_keys(bool(draft.countries))
        for key, values in (("countries", draft.countries), ("regions", draft.regions),
                            ("places", place_ids), ("actors", actor_ids), ("tags", draft.tags)):
            cleaned = without_repeats([v.strip() for v in values if v.strip()], keys[key])
            if cleaned:
                record[key] = cleaned
        record["sources"] = [{"ref": source, "quote": " ".join(draft.quote.split())}]
        if relations:
            record["relations"] = relations
        problems = self.unsupported(record)
        if problems:
            return None, problems
        if remember:
            self.ids.add(ident)
        return record, []

    def relations(self, draft: EventDraft, ident: str, source: str,
                  problems: Problems) -> list[dict[str, str]]:
        """The relations of a new event as records (`{kind: other, ref, quote}`), each naming an
        event of the timeline or of an earlier row, with a quote its source holds."""
        records: list[dict[str, str]] = []
        quote = " ".join((draft.relation_quote or draft.quote).split())
        seen = set()
        for written in draft.relations:
            parsed = parse_relation(written)
            if isinstance(parsed, str):
                problems.append(("relations", parsed))
                continue
            kind, other = parsed
            if other == ident:
                problems.append(("relations", _("an event cannot be related to itself")))
            elif other not in self.ids:
                hint = did_you_mean(Suggester(self.ids)(other))
                message = _("no event has the id '{id}'").format(id=quoted(other, marks=False))
                problems.append(("relations", f"{message} ({hint})" if hint else message))
            elif parsed not in seen:
                seen.add(parsed)
                records.append({kind: other, "ref": source, "quote": quote})
        if records and draft.relation_quote.strip() and source in self.sources:
            error = self.quote(source, quote)
            if error:
                problems.append(("relation_quote", error))
        return records

    def add_alias(self, actor_id: str, words: str) -> None:
        """Give an existing actor another name (the words a quote uses for it), so that drafts
        checked from now on count it, and the change is written with the event."""
        from imfhist.timeline.model import Text

        self.timeline = self.timeline._replace(actors=tuple(
            actor._replace(aliases=(*actor.aliases, Text(words, actor.loc)))
            if actor.id.value == actor_id else actor for actor in self.timeline.actors))
        self._claims = None
        self.new_aliases.setdefault(actor_id, []).append(words)

    def unsupported(self, record: dict[str, Any]) -> Problems:
        """The claims of a new event that its quote does not carry (the claim-* rules), by
        field. Actors and places that the event brings are checked when the file is."""
        from imfhist.checking.rules.claims import Claims
        from imfhist.timeline.dates import try_parse
        from imfhist.timeline.model import Citation, Event, Loc, Text

        if self._claims is None:
            self._claims = Claims(self.timeline)
        nowhere = Loc("")

        def texts(key: str) -> tuple[Text, ...]:
            return tuple(Text(value, nowhere) for value in record.get(key, ()))

        date = record.get("date")
        event = Event(
            id=Text(record["id"], nowhere), title=record["title"], loc=nowhere,
            summary=record.get("summary"),
            date=Text(date, nowhere) if date else None, date_label=record.get("date_label"),
            countries=texts("countries"), regions=texts("regions"), places=texts("places"),
            actors=texts("actors"),
            sources=tuple(Citation(Text(c["ref"], nowhere), Text(c["quote"], nowhere), nowhere)
                          for c in record["sources"]),
            edtf=try_parse(date) if date else None,
            date_label_loc=nowhere if record.get("date_label") else None,
            # Told apart by their place, since one rule (claim-words) checks both.
            title_loc=Loc("title"), summary_loc=Loc("summary") if record.get("summary") else None)
        fields = {"claim-date": "date", "claim-place": "places", "claim-region": "regions",
                  "claim-country": "countries", "claim-actor": "actors"}
        return [(problem.loc.path if problem.rule == "claim-words"
                 else fields.get(problem.rule, "quote"), problem.message)
                for problem in self._claims.unsupported(event)]


def worded(date: str) -> str:
    """How imfhist will show a date it understood."""
    from imfhist.timeline.dates import parse_edtf

    return word(parse_edtf(date))


# -- spreadsheets -------------------------------------------------------------------------------

# Column headers, in English and in French, folded for comparison.
COLUMNS = {
    "id": ("id", "identifiant"),
    "title": ("title", "titre"),
    "date": ("date",),
    "summary": ("summary", "resume"),
    "countries": ("countries", "country", "pays"),
    "regions": ("regions", "region"),
    "places": ("places", "place", "lieux", "lieu"),
    "actors": ("actors", "actor", "acteurs", "acteur"),
    "tags": ("tags", "tag", "etiquettes", "etiquette"),
    "source": ("source",),
    "quote": ("quote", "citation"),
    "relations": ("relations",),
    "relation_quote": ("relation_quote", "relation quote", "citation des relations"),
}
LIST_FIELDS = ("countries", "regions", "places", "actors", "tags", "relations")


def template(lang: str) -> str:
    """A CSV file with the headers `imfhist import` reads and one example row."""
    french = lang == "fr"
    names = [COLUMNS[key][-1 if french and len(COLUMNS[key]) > 1 else 0] for key in COLUMNS]
    names = [{"resume": "résumé", "etiquettes": "étiquettes", "acteur": "acteurs",
              "lieu": "lieux", "etiquette": "étiquettes", "region": "régions"}.get(n, n)
             for n in names]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    writer.writerow(EXAMPLE)
    return out.getvalue()


# The template's example row, in the order of COLUMNS. It is the shipped timeline's `altermed`,
# every claim carried by its quote; imported untouched, it is refused (see `is_example`).
EXAMPLE = ("", "Le projet AlterMed", "2019-2021", "", "", "Méditerranée", "", "ICOSI", "projet",
           "imf-historique", "un projet de terrain multipays sur trois ans (2019-2021) sur "
           "l’entrepreneuriat collectif en Méditerranée, le projet AlterMed co-porté avec l’ICOSI",
           "", "")


def is_example(draft: EventDraft) -> bool:
    """Whether a row is the template's example, left as it was."""
    given = [getattr(draft, key) for key in COLUMNS]
    wanted = [[v.strip() for v in value.split(";") if v.strip()] if key in LIST_FIELDS else value
              for key, value in zip(COLUMNS, EXAMPLE, strict=True)]
    return given == wanted


def read_rows(text: str) -> tuple[list[tuple[int, EventDraft]], Problems, list[str]]:
    """The rows of a CSV file as drafts, numbered as a spreadsheet numbers them (the header is
    row 1), or the problems with its header."""
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    # Lists in a cell are separated by ";", or by "," in a file whose columns are separated by
    # ";" (as spreadsheets save CSV in French).
    separator = "," if getattr(dialect, "delimiter", ",") == ";" else ";"
    # A cell may be as long as the file (the csv module stops at 131,072 characters otherwise).
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        rows = list(reader)
    except csv.Error as error:
        return [], [("", _("the file is not CSV: {reason}").format(reason=error))], []
    if not rows:
        return [], [("", _("the file is empty"))], []
    by_header: dict[int, str] = {}
    unknown = []
    for position, header in enumerate(rows[0]):
        key = next((k for k, names in COLUMNS.items() if fold(header) in names), None)
        if key:
            by_header[position] = key
        elif header.strip():
            unknown.append(header)
    if unknown:
        return [], [(h, _("unknown column; see `imfhist import --template`"))
                    for h in unknown], rows[0]
    if "title" not in by_header.values():
        return [], [("title", _("the file has no title column"))], rows[0]
    drafts = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        draft = EventDraft()
        for position, cell in enumerate(row):
            key = by_header.get(position)
            if key in LIST_FIELDS:
                setattr(draft, key, [v.strip() for v in cell.split(separator) if v.strip()])
            elif key:
                setattr(draft, key, cell.strip())
        drafts.append((number, draft))
    return drafts, [], rows[0]


def header_name(key: str, headers: Sequence[str]) -> str:
    """The column as the file names it."""
    for header in headers:
        if fold(header) in COLUMNS.get(key, ()):
            return header
    return key
