"""Rules about identifiers."""

import re
import unicodedata
from collections.abc import Iterable, Iterator

from imfhist.checking.rules import Rule, checker
from imfhist.common.i18n import N_, _
from imfhist.common.problems import Problem, Severity
from imfhist.timeline.model import Text, Timeline

ID_FORMAT = Rule("id-format", Severity.ERROR, """
    An id is lower-case ASCII letters and digits, in words joined by single hyphens
    (`altermed-2019`), so that it can stand in a URL, a file name and a shell command unquoted.""")
DUPLICATE_ID = Rule("duplicate-id", Severity.ERROR, """
    Two sources, two actors, two places or two events share an id. References would be
    ambiguous; the second one is reported with the line of the first. An id in an object's
    `former_ids` (written by `imfhist rename`) counts too: a link published with it must still
    lead to one object only.""")
ID_LOOK_ALIKE = Rule("id-look-alike", Severity.WARNING, """
    Two ids of the same kind differ only by case or by look-alike Unicode characters
    (`altermed` and `AlterMed`, a Latin and a Cyrillic `a`). Such ids are also reported by
    `id-format`; this warning names the pair so that the right one can be kept.""")

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _look_alike_key(ident: str) -> str:
    return unicodedata.normalize("NFKC", ident).casefold()


# How messages name the ids of each kind of object.
_KINDS = {"source": N_("source id"), "actor": N_("actor id"), "place": N_("place id"),
          "event": N_("event id")}


def _format(ident: Text, kind: str) -> Iterator[Problem]:
    if not _ID.fullmatch(ident.value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", ident.value.lower()).strip("-")
        hint = (_("for example '{id}'").format(id=suggestion)
                if suggestion and suggestion.isascii()
                else _("use lower-case letters, digits and hyphens"))
        yield ID_FORMAT.at(ident.loc, _("{kind} {id} is not lower-case letters, digits and "
                                        "hyphens").format(kind=kind, id=repr(ident.value)), hint)


def _duplicate(ident: Text, first: Text, kind: str) -> Problem:
    return DUPLICATE_ID.at(ident.loc, _("{kind} '{id}' is already used on line {line}").format(
        kind=kind, id=ident.value, line=first.loc.line), _("give each one its own id"))


def _check_ids(ids: Iterable[Text], kind_name: str) -> Iterator[Problem]:
    kind = _(_KINDS[kind_name])
    first_by_id: dict[str, Text] = {}
    first_by_key: dict[str, Text] = {}
    for ident in ids:
        yield from _format(ident, kind)
        first = first_by_id.get(ident.value)
        if first is not None:
            yield _duplicate(ident, first, kind)
            continue
        first_by_id[ident.value] = ident
        key = _look_alike_key(ident.value)
        twin = first_by_key.get(key)
        if twin is not None:
            yield ID_LOOK_ALIKE.at(ident.loc,
                                   _("{kind} {id} looks like {other} on line {line}").format(
                                       kind=kind, id=repr(ident.value), other=repr(twin.value),
                                       line=twin.loc.line),
                                   _("keep one spelling"))
        else:
            first_by_key[key] = ident


def _check_former_ids(objects: Iterable, kind_name: str) -> Iterator[Problem]:  # type: ignore[type-arg]
    """Former ids in the id format, each naming one object: not another's id or former id."""
    kind = _(_KINDS[kind_name])
    first_by_id = {o.id.value: o.id for o in objects}
    for ident in (former for o in objects for former in o.former_ids):
        yield from _format(ident, kind)
        first = first_by_id.get(ident.value)
        if first is not None:
            yield _duplicate(ident, first, kind)
            continue
        first_by_id[ident.value] = ident


@checker
def check_ids(timeline: Timeline) -> Iterator[Problem]:
    for objects, kind in ((timeline.sources, "source"), (timeline.actors, "actor"),
                          (timeline.places, "place"), (timeline.events, "event")):
        yield from _check_ids((o.id for o in objects), kind)
        yield from _check_former_ids(objects, kind)
