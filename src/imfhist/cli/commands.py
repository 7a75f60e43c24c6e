"""Typer's command classes, taught to speak the interface language.

Typer translates its own panel titles through gettext, but the help option, the completion
options, the "Usage:" line, the names of types (`<str>`) and of the subcommand
(`COMMAND [ARGS]...`), and the errors of a badly typed command ("No such option: --nope") are
written in English in its code; these classes translate them. The errors are caught where they
are raised (parsing the arguments, finding the subcommand) and raised again with their text
translated by `imfhist.cli.usage_words`, keeping the usage line, the hint and the exit code 2.
"""

from __future__ import annotations

import copy
from typing import Any

from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup

from imfhist.cli.usage_words import translated
from imfhist.common.i18n import N_, _

_OPTION_HELP = {
    "help": N_("Show this message and exit."),
    "install_completion": N_("Install completion for the current shell."),
    "show_completion": N_("Show completion for the current shell, to copy it or customize the "
                          "installation."),
}


# The names of types, which help shows for a value without a name of its own (`--id <str>`); in
# English they stay the type's own.
_TYPE_NAMES = {"str": N_("str"), "path": N_("path"), "int": N_("int"), "float": N_("float")}


def _type_named(param: Any) -> None:
    """Show the type of `param` under its name in the interface language: a copy of the type
    with the translated name, the shared type itself left alone."""
    original = getattr(param, "_imfhist_type", None) or param.type
    param._imfhist_type = original
    name = getattr(original, "name", None)
    if name not in _TYPE_NAMES:
        return
    if _(_TYPE_NAMES[name]) == name:
        param.type = original
        return
    renamed = copy.copy(original)
    renamed.name = _(_TYPE_NAMES[name])
    param.type = renamed


def _translated(params: list[Any]) -> list[Any]:
    for param in params:
        if param.name in _OPTION_HELP:
            param.help = _(_OPTION_HELP[param.name])
        _type_named(param)
    return params


_USAGE_PIECES = {"[OPTIONS]": N_("[OPTIONS]"), "COMMAND [ARGS]...": N_("COMMAND [ARGS]...")}


def _in_language(error: UsageError, ctx: Any) -> UsageError:
    """The usage error `error`, its text in the interface language, and the usage line and
    hint of `ctx` when the parser raised it without (Click's "Option '--x' requires an
    argument." has none)."""
    if isinstance(error, NoArgsIsHelpError) or getattr(error, "_imfhist", False):
        return error
    again = UsageError(translated(error.format_message()), error.ctx or ctx)
    again.exit_code = error.exit_code
    again._imfhist = True  # type: ignore[attr-defined]
    return again


class _Translated:
    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path,
                              " ".join(self.collect_usage_pieces(ctx)),  # type: ignore[attr-defined]
                              prefix=_("Usage: "))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        return [_(_USAGE_PIECES[piece]) if piece in _USAGE_PIECES else piece for piece in pieces]

    def get_params(self, ctx: Any) -> list[Any]:
        return _translated(super().get_params(ctx))  # type: ignore[misc]

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc, no-any-return]
        except UsageError as error:
            raise _in_language(error, ctx) from error


class Command(_Translated, TyperCommand):
    pass


class Group(_Translated, TyperGroup):
    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            raise _in_language(error, ctx) from error

    def invoke(self, ctx: Any) -> Any:
        # Click turns a closed pipe into exit 1, the code of "problems found"; catching it
        # here, before Click sees it, keeps the code the command would have had (see
        # imfhist.cli.closing).
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            from typer import Exit

            from imfhist.cli.closing import settled, silence_stdout

            silence_stdout()
            raise Exit(settled()) from None
        except MemoryError:
            pass  # answered below, once what the command held has been let go with its frames
        _out_of_memory()


def _out_of_memory() -> None:
    """One line and exit 2 (the command cannot run) when memory runs out, as it may under a
    limit (`ulimit -v`) on a large or dense file: never a traceback, nor exit 1, which would
    say that problems were found."""
    import sys

    from typer import Exit

    sys.stderr.write(_("error: ") + _(
        "imfhist ran out of memory before finishing (give it more memory, or check a smaller "
        "file: lower IMFHIST_MAX_FILE_MB to refuse such files at once)") + "\n")
    raise Exit(2)  # CANNOT_RUN of imfhist.cli.app, which imports this module
