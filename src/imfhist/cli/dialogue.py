"""The questions of interactive `imfhist add`: each field asked for until it is right.

Known places, actors, regions, tags and sources are offered with Tab completion (readline),
not listed in the question: a timeline of ten thousand events knows too many to print.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from rich.console import Console

from imfhist.cli.questions import Question, YesNo
from imfhist.common.i18n import _
from imfhist.common.safety import terminal_text
from imfhist.common.suggest import Suggester
from imfhist.keeping.drafts import Builder, EventDraft, field_name, split, worded
from imfhist.keeping.writer import Addition, slug
from imfhist.timeline.model import ACTOR_KINDS, actor_kind


@contextlib.contextmanager
def completing(values: Iterable[str]) -> Iterator[None]:
    """Offer `values` to Tab while a question is asked (where readline is available); the
    completion works on the last of several values separated by commas."""
    try:
        import readline
    except ImportError:  # Windows without pyreadline: questions without completion
        yield
        return
    known = sorted(set(values))
    previous_completer = readline.get_completer()
    previous_delimiters = readline.get_completer_delims()

    def complete(typed: str, state: int) -> str | None:
        matches = [v for v in known if v.lower().startswith(typed.lower())]
        return matches[state] if state < len(matches) else None

    readline.set_completer(complete)
    readline.set_completer_delims(",")
    readline.parse_and_bind("tab: complete")
    try:
        yield
    finally:
        readline.set_completer(previous_completer)
        readline.set_completer_delims(previous_delimiters)


def ask_for_event(draft: EventDraft, builder: Builder, addition: Addition,
                  console: Console) -> None:
    """Ask for every field the options did not give, again until it is right."""

    # Questions and errors quote ids, names and dates from the file: shown as text, made
    # visible, never read as Rich markup.
    def ask(question: str, default: str = "", known: Iterable[str] = ()) -> str:
        shown = f"{question} ({default})" if default else question  # the default made safe too
        with completing(known):
            return Question.ask(terminal_text(shown), default=default, console=console,
                                show_default=False)

    def confirm(question: str, default: bool = True) -> bool:
        return YesNo.ask(terminal_text(question), console=console, default=default)

    def say(error: str) -> None:
        console.print(terminal_text(error))

    timeline = builder.timeline

    while not draft.title.strip():
        draft.title = ask(_("Title"))
    while True:
        if not draft.date:
            draft.date = ask(_("Date (EDTF or words such as 'dès 2004'; empty if the source "
                               "gives none)"))
        date, _wording, error = builder.date(draft.date)
        if error:
            say(error)
            draft.date = ""
            continue
        if date and not confirm(_("Understood as {edtf} ({words}). Right?").format(
                edtf=date, words=worded(date))):
            draft.date = ""
            continue
        break
    if not draft.summary:
        draft.summary = ask(_("Summary (a longer text; empty for none)"))
    if not draft.countries:
        draft.countries = split([ask(_("Countries (separated by commas; empty for none)"))])
    while any(builder.country(c) for c in draft.countries):
        for country in draft.countries:
            error = builder.country(country)
            if error:
                say(error)
        draft.countries = split([ask(_("Countries (separated by commas; empty for none)"))])
    if not draft.regions:
        regions = {r.value for e in timeline.events for r in e.regions}
        draft.regions = split([ask(_("Regions (separated by commas; empty for none; Tab "
                                     "completes)"), known=regions)])
    for kind, known in (("place", builder.places), ("actor", builder.actors)):
        values = draft.places if kind == "place" else draft.actors
        if not values:
            question = (_("Places (ids or names, {count} known, Tab completes; a new name "
                          "creates one)") if kind == "place" else
                        _("Actors (ids or names, {count} known, Tab completes; a new name "
                          "creates one)"))
            values[:] = split([ask(question.format(count=len(known)),
                                   known=[*known, *known.values()])])
        for number, written in enumerate(values):
            while True:
                found, error = builder.reference(kind, written)
                if found or not written:
                    break
                # A name close to a known one is more likely a typo than a new place: say so,
                # and make "no" the answer Enter gives.
                close = Suggester([*known, *known.values()])(written)
                if close:
                    say(error or "")
                if confirm(_("'{name}' is new here. Create it?").format(name=written),
                           default=not close):
                    break
                written = ask(_("Instead of '{name}' (an id or a name; empty to leave it "
                                "out)").format(name=written), known=[*known, *known.values()])
            if found or not written:
                values[number] = found or ""
                continue
            ident = slug(written, known)
            if kind == "place":
                country = ask(_("Country of {name} (empty not to create it)").format(
                    name=written))
                while country.strip() and builder.country(country):
                    say(builder.country(country) or "")
                    country = ask(_("Country of {name} (empty not to create it)").format(
                        name=written))
                if not country.strip():
                    say(_("'{name}' is left out.").format(name=written))
                    values[number] = ""
                    continue
                addition.places.append({"id": ident, "name": written, "country": country})
            else:
                # Offered and answered in the user's language, stored as the format says.
                question = Question(terminal_text(_("Kind of {name}").format(name=written)),
                                    choices=[_(name) for name in ACTOR_KINDS.values()],
                                    console=console, reader=actor_kind)
                chosen = question(default=_(ACTOR_KINDS["organisation"]))
                addition.actors.append({"id": ident, "name": written,
                                        "kind": actor_kind(chosen) or "organisation"})
            known[ident] = written
            values[number] = ident
        values[:] = [v for v in values if v]
    if not draft.tags:
        tags = {t.value for e in timeline.events for t in e.tags}
        draft.tags = split([ask(_("Tags (separated by commas; empty for none; Tab completes)"),
                                known=tags)])
    sources = list(builder.sources)
    if not draft.source and len(sources) == 1:
        draft.source = sources[0]  # nothing to choose
    while draft.source not in builder.sources:
        draft.source = ask(_("Source ({count} known, Tab completes)").format(
            count=len(sources)), default=sources[0] if len(sources) == 1 else "", known=sources)
    while True:
        if not draft.quote.strip():
            draft.quote = ask(_("Quote: the words of the source that state the event"))
        error = builder.quote(draft.source, draft.quote)
        if not error and draft.quote.strip():
            break
        if error:
            say(error)
            # One wrong letter: the page's own words are offered, ready to take.
            closest = _closest_quote(builder, draft)
            if closest and confirm(_("Take the page's words: “{quote}”?").format(
                    quote=closest)):
                draft.quote = closest
                continue
        draft.quote = ""



class Cancelled(Exception):
    """The keeper chose to stop at a question that offered fixes: nothing is written."""


# What each field's question is, to ask it again when a check finds it at fault.
_LIST_FIELDS = ("countries", "regions", "places", "actors", "tags")


def settle_event(draft: EventDraft, builder: Builder, addition: Addition,
                 console: Console) -> dict[str, Any]:
    """The event's record once every check passes. Until then, each problem is said and the
    dialogue goes back to the field at fault, offering what fixes it (another quote, the field
    changed or its claim dropped, the quote's words as an actor's alias), so that no answer given
    so far is lost. An empty answer or Ctrl-C at that question cancels (Cancelled)."""

    def say(error: str) -> None:
        console.print(terminal_text(error))

    def ask(question: str, default: str = "") -> str:
        shown = f"{question} ({default})" if default else question
        try:
            return Question.ask(terminal_text(shown), default=default, console=console,
                                show_default=False)
        except KeyboardInterrupt:
            console.print()
            raise Cancelled from None

    while True:
        record, problems = builder.event(draft, remember=False)
        if record is not None:
            # The places and actors this event brings are checked with the file; their claims
            # are checked here, so that the dialogue can still fix them.
            problems = _unnamed_new(addition, draft)
            if not problems:
                break
        for field, message in problems:
            say(_("{field}: {message}").format(field=field_name(field), message=message))
        field = problems[0][0]
        choices = {"1": _("type another quote")}
        if field == "title":
            choices["2"] = _("change the title")
        elif field not in ("quote", "source"):
            choices["2"] = _("change the {field} (an empty answer drops it)").format(
                field=field_name(field))
        unnamed = _unnamed_actors(builder, addition, draft) if field == "actors" else []
        if unnamed:
            choices["3"] = _("give {name} the quote's words that name it, as an alias").format(
                name=unnamed[0]["name"])
        closest = _closest_quote(builder, draft) if field == "quote" else None
        if closest:
            choices["4"] = _("take the page's words: “{quote}”").format(quote=closest)
        for key, text in choices.items():
            say(f"  {key}. {text}")
        chosen = ask(_("What do you do? (a number; empty to cancel, nothing is written)"))
        if not chosen.strip():
            raise Cancelled
        if chosen.strip() == "1":
            draft.quote = ask(_("Quote: the words of the source that state the event"))
        elif chosen.strip() == "2" and "2" in choices:
            _ask_again(draft, field, ask)
        elif chosen.strip() == "4" and closest:
            draft.quote = closest
        elif chosen.strip() == "3" and unnamed:
            words = ask(_("The words of the quote that name {name}").format(
                name=unnamed[0]["name"]))
            words = " ".join(words.split())
            if words and not _named({"name": words}, draft.quote):
                say(_("the quote does not hold “{words}”: type the words as the quote has "
                      "them").format(words=words))
            elif words and unnamed[0] in addition.actors:  # an actor this dialogue creates
                unnamed[0].setdefault("aliases", []).append(words)
            elif words:  # an actor of the timeline: its alias is written with the event
                builder.add_alias(unnamed[0]["id"], words)
        else:
            say(_("Answer with one of the numbers shown."))
    if not draft.id.strip():
        # The id is shown before anything is written, and may be changed.
        while True:
            wanted = ask(_("Id"), default=record["id"]).strip()
            if not wanted or wanted == record["id"]:
                break
            draft.id = wanted
            checked, problems = builder.event(draft, remember=False)
            if checked is not None:
                record = checked
                break
            for field, message in problems:
                say(_("{field}: {message}").format(field=field_name(field), message=message))
            draft.id = ""
    builder.event(draft)  # now remembered as taken, as a checked draft is
    return record


def _unnamed_new(addition: Addition, draft: EventDraft) -> list[tuple[str, str]]:
    problems = []
    for place in addition.places:
        if place["id"] in draft.places and not _named(place, draft.quote):
            problems.append(("places", _("no quote of the event names the place {name}").format(
                name=place["name"])))
    for actor in addition.actors:
        if actor["id"] in draft.actors and not _named(actor, draft.quote):
            problems.append(("actors", _("no quote of the event names the actor {name}").format(
                name=actor["name"])))
    return problems


def _closest_quote(builder: Builder, draft: EventDraft) -> str | None:
    """The quote with its part that the page does not hold replaced by the page's closest
    passage (imfhist.timeline.nearest), or None when the page holds nothing close."""
    from imfhist.common.textnorm import normalise_spacing
    from imfhist.timeline.evidence import archive_text, quote_parts
    from imfhist.timeline.nearest import nearest_passage

    sources = builder.timeline.source_by_id()
    source = sources.get(draft.source.strip() or next(iter(builder.sources), ""))
    archive = archive_text(builder.timeline, source) if source else None
    if archive is None or not draft.quote.strip():
        return None
    passage = nearest_passage(draft.quote, archive)
    if passage is None:
        return None
    page = normalise_spacing(archive)
    parts = quote_parts(draft.quote)
    at = next((n for n, part in enumerate(parts) if part not in page), None)
    if at is None:
        return None
    parts[at] = passage.text
    return " […] ".join(parts)


def _unnamed_actors(builder: Builder, addition: Addition,
                    draft: EventDraft) -> list[dict[str, Any]]:
    """The event's actors that its quote does not name, new or of the timeline, as records."""
    known = builder.timeline.actor_by_id()
    found = []
    for written in draft.actors:
        new = next((a for a in addition.actors if a["id"] == written), None)
        if new is not None:
            actor = new
        else:
            ident, _error = builder.reference("actor", written)
            if ident is None or ident not in known:
                continue
            existing = known[ident]
            actor = {"id": ident, "name": existing.name,
                     "aliases": [a.value for a in existing.aliases]}
        if not _named(actor, draft.quote):
            found.append(actor)
    return found


def _named(actor: dict[str, Any], quote: str) -> bool:
    from imfhist.timeline.evidence import QuoteWords

    said = QuoteWords([quote])
    return said.names(actor["name"]) or any(said.names(a) for a in actor.get("aliases", ()))


def _ask_again(draft: EventDraft, field: str, ask: Callable[..., str]) -> None:
    questions = {
        "title": _("Title"), "summary": _("Summary (a longer text; empty for none)"),
        "date": _("Date (EDTF or words such as 'dès 2004'; empty if the source gives none)"),
        "countries": _("Countries (separated by commas; empty for none)"),
        "regions": _("Regions (separated by commas; empty for none)"),
        "places": _("Places (ids or names, separated by commas; empty for none)"),
        "actors": _("Actors (ids or names, separated by commas; empty for none)"),
        "tags": _("Tags (separated by commas; empty for none)"),
        "id": _("Id"),
    }
    if field in _LIST_FIELDS:
        now = ", ".join(getattr(draft, field))
        # The values given so far are shown, not offered as a default: an empty answer drops
        # them all, and the keeper types again the ones to keep.
        setattr(draft, field, split([ask(_("{question}; now: {values}").format(
            question=questions[field], values=now or "-"))]))
    elif field == "title":
        draft.title = ask(questions[field], default=draft.title)
    elif field in questions:
        setattr(draft, field, ask(_("{question}; now: {values}").format(
            question=questions[field], values=getattr(draft, field) or "-")))
