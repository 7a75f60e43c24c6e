"""Command-line options shared by several commands, each defined once.

The selection options (`--country`, `--from`, …) belong to every command that picks events:
`filter`, `export`, `chart` and `stats`. `@with_selection` adds them all to a command, which
receives them gathered in one `Selection` value.
"""

import enum
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Annotated, Any

import typer

from imfhist.common import i18n
from imfhist.common.i18n import _, p_
from imfhist.common.problems import quoted


class ListFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def _apply_language(value: str | None) -> str | None:
    if value is not None:
        if not i18n.supported(value):
            raise typer.BadParameter(
                _("imfhist does not speak '{language}'; choose one of: {languages}").format(
                    language=quoted(value, marks=False), languages=", ".join(i18n.LANGUAGES)))
        i18n.use(i18n.choose(value), asked=True)
    return value


def path_argument(value: str) -> Path:
    """A path as typed; an empty one is refused (Path("") would be the current directory)."""
    if isinstance(value, Path):
        return value
    if not value.strip():
        raise typer.BadParameter(_("an empty path names no file; give the timeline's path"))
    return Path(value)


def _timeline_file(ctx: typer.Context, value: Path | None) -> Path | None:
    """--file after the command, else --file before it (`imfhist --file F list`)."""
    if value is None:
        root = ctx.find_root()
        if isinstance(root.obj, dict):
            return root.obj.get("file")  # type: ignore[no-any-return]
    return value


LangOption = Annotated[str | None, typer.Option(
    "--lang", metavar="fr|en", show_default=False, callback=_apply_language, is_eager=True,
    help=_("Language of the output: fr or en. Default: $IMFHIST_LANG, else the locale."))]
FileOption = Annotated[Path | None, typer.Option(
    "--file", "-f", metavar=p_("metavar", "PATH"), show_default=False, parser=path_argument,
    callback=_timeline_file,
    help=_("Timeline file. Default: $IMFHIST_FILE, else the timeline setting of pyproject.toml "
           "(tool.imfhist) or imfhist.toml, else data/timeline.yaml, found upwards; reading "
           "falls back on the shipped IMF timeline (`imfhist where` says which)."))]
FormatOption = Annotated[ListFormat, typer.Option(
    "--format", help=_("Output format."), case_sensitive=False)]
CountryOption = Annotated[list[str] | None, typer.Option(
    "--country", "-c", metavar=p_("metavar", "COUNTRY"), show_default=False,
    help=_("ISO code or French/English name, any case or accents (Tunisie, Tunisia, TN). "
           "Repeat for any of several."))]
RegionOption = Annotated[list[str] | None, typer.Option(
    "--region", metavar=p_("metavar", "REGION"), show_default=False,
    help=_("A region named in the timeline (Europe orientale)."))]
PlaceOption = Annotated[list[str] | None, typer.Option(
    "--place", metavar=p_("metavar", "PLACE"), show_default=False, help=_("Place id or name."))]
ActorOption = Annotated[list[str] | None, typer.Option(
    "--actor", "-a", metavar=p_("metavar", "ACTOR"), show_default=False,
    help=_("Actor id or name (or part of a name)."))]
TagOption = Annotated[list[str] | None, typer.Option(
    "--tag", "-t", metavar=p_("metavar", "TAG"), show_default=False, help=_("Tag."))]
FromOption = Annotated[str | None, typer.Option(
    "--from", metavar=p_("metavar", "DATE"), show_default=False,
    help=_("Events that may end in or after this year or EDTF date."))]
ToOption = Annotated[str | None, typer.Option(
    "--to", metavar=p_("metavar", "DATE"), show_default=False,
    help=_("Events that may start in or before this year or EDTF date."))]
CertainOption = Annotated[bool, typer.Option(
    "--certain", help=_("With --from/--to: only the events that surely fall in the range, "
                        "not those that only may."))]
UndatedOption = Annotated[bool, typer.Option(
    "--undated", help=_("Include undated events (alone: only undated events)."))]
TextOption = Annotated[list[str] | None, typer.Option(
    "--text", metavar=p_("metavar", "WORDS"), show_default=False,
    help=_("Words in the title, summary or quotes (case and accents ignored)."))]


@dataclass(frozen=True)
class Selection:
    """The selection options as the user gave them."""

    country: list[str] | None = None
    region: list[str] | None = None
    place: list[str] | None = None
    actor: list[str] | None = None
    tag: list[str] | None = None
    start: str | None = None
    end: str | None = None
    undated: bool = False
    text: list[str] | None = None
    certain: bool = False

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))


_SELECTION_OPTIONS: dict[str, Any] = {
    "country": CountryOption, "region": RegionOption, "place": PlaceOption,
    "actor": ActorOption, "tag": TagOption, "start": FromOption, "end": ToOption,
    "undated": UndatedOption, "text": TextOption, "certain": CertainOption,
}


def with_selection(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give `command` every selection option; it receives them as `selection: Selection`."""
    signature = inspect.signature(command, eval_str=True)
    kept = [p for p in signature.parameters.values() if p.name != "selection"]
    added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation,
                               default=False if name in ("undated", "certain") else None)
             for name, annotation in _SELECTION_OPTIONS.items()]

    @functools.wraps(command)
    def run(**arguments: Any) -> Any:
        selection = Selection(**{name: arguments.pop(name) for name in _SELECTION_OPTIONS})
        return command(selection=selection, **arguments)

    run.__signature__ = signature.replace(parameters=kept + added)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in kept + added}
    return run
