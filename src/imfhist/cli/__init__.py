"""The command line: options in, calls into the core, a renderer picked by name, an exit code out.

Exit codes: 0 when all is well, 1 when `validate` finds an error, 2 when the command cannot run
(no such file, a file that is not a timeline, an option that names nothing), 130 on Ctrl-C.

One module per family of commands registers them on `app`: reading (list, filter, show, stats),
publishing (export, chart), checking (validate, schema), writing (add, import, init, where),
keeping (edit, remove, rename), sources (source add, source check).
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

# Importing a family registers its commands; this order is the order of `imfhist --help`.
FAMILIES = ("reading", "publishing", "checking", "writing", "keeping", "sources")
# Where each command lives, so that running one imports only its family. A command missing
# here still works: its name is not found, and every family is imported.
FAMILY_OF = {"list": "reading", "filter": "reading", "show": "reading", "stats": "reading",
             "export": "publishing", "chart": "publishing", "validate": "checking",
             "schema": "checking", "add": "writing", "import": "writing", "init": "writing",
             "where": "writing", "edit": "keeping", "remove": "keeping", "rename": "keeping",
             "source": "sources"}

__all__ = ["app", "main"]


def _import_families(families: tuple[str, ...] = FAMILIES) -> Any:
    for family in families:
        importlib.import_module(f"imfhist.cli.{family}")
    from imfhist.cli.app import app

    # `imfhist.cli.app` is both a module and, for `from imfhist.cli import app`, the
    # application: loading the module made its name an attribute here, which would hide the
    # application. The module is loaded here, never when this package is (completion, which
    # imports nothing of Typer, lives in it).
    if not hasattr(globals().get("app"), "registered_commands"):
        globals().pop("app", None)
    return app


def __getattr__(name: str) -> Any:
    """`from imfhist.cli import app` gives the whole application, every command registered."""
    if name == "app":
        application = _import_families()
        globals()["app"] = application
        return application
    raise AttributeError(name)


def _requested_command(arguments: list[str]) -> str | None:
    """The command named on the command line, or None when help, completion or no command is
    asked for (then every command must be known)."""
    if "_IMFHIST_COMPLETE" in os.environ:
        return None
    position = 0
    while position < len(arguments):
        argument = arguments[position]
        if argument in ("--help", "-h"):
            return None
        if argument in ("--lang", "--file", "-f"):
            position += 2
            continue
        if argument.startswith("-"):
            position += 1
            continue
        return argument
    return None


def _application(arguments: list[str]) -> Any:
    """The application with only the command that was asked for: Typer builds every registered
    command, with all its options, at each start, and one is enough to run (help, completion
    and mistyped names see them all)."""
    requested = _requested_command(arguments)
    family = FAMILY_OF.get(requested or "")
    app = _import_families((family,) if family else FAMILIES)
    names = {info.name for info in app.registered_commands}
    if requested in names:
        app.registered_commands = [i for i in app.registered_commands if i.name == requested]
    return app


def main() -> None:
    """Run the command line. Typer turns usage errors into exit 2 and Ctrl-C during a command
    into 130; imfhist.cli.commands.Group turns a closed pipe into a quiet exit with the command's
    code; this covers the moments around it, up to the last flush of stdout."""
    from imfhist.cli.app import INTERRUPTED
    from imfhist.cli.closing import flush_stdout, met_closed_pipe, settled, silence_stdout

    try:
        _application(sys.argv[1:])()
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED)
    except BrokenPipeError:
        # The reader went away outside a command (help, completion).
        silence_stdout()
        sys.exit(settled())
    except SystemExit as exit:
        if exit.code == 1 and met_closed_pipe():
            # Click or Rich met the closed pipe outside a command (printing --help) and exits
            # 1, the code of "problems found": nothing was found.
            silence_stdout()
            sys.exit(settled())
        # What the command wrote may still sit in the buffer: flush it now, while a closed
        # pipe can still be met quietly, rather than in the interpreter's final flush, which
        # would print a warning and exit 120.
        flush_stdout()
        raise exit from None
    flush_stdout()
