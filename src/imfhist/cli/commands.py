"""Typer's command classes, taught to speak the interface language.

Typer translates its own panel titles through gettext, but the help option, the completion
options and the "Usage:" line are written in English in its code; these classes translate them.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperCommand, TyperGroup

from imfhist.common.i18n import N_, _

_OPTION_HELP = {
    "help": N_("Show this message and exit."),
    "install_completion": N_("Install completion for the current shell."),
    "show_completion": N_("Show completion for the current shell, to copy it or customize the "
                          "installation."),
}


def _translated(params: list[Any]) -> list[Any]:
    for param in params:
        if param.name in _OPTION_HELP:
            param.help = _(_OPTION_HELP[param.name])
    return params


class _Translated:
    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path,
                              " ".join(self.collect_usage_pieces(ctx)),  # type: ignore[attr-defined]
                              prefix=_("Usage: "))

    def get_params(self, ctx: Any) -> list[Any]:
        return _translated(super().get_params(ctx))  # type: ignore[misc]


class Command(_Translated, TyperCommand):
    pass


class Group(_Translated, TyperGroup):
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
