"""The command line: options in, calls into the core, a renderer picked by name, an exit code out.

Exit codes: 0 when all is well, 1 when `validate` finds an error, 2 when the command cannot run
(no such file, a file that is not a timeline, an option that names nothing), 130 on Ctrl-C.

One module per family of commands registers them on `app`: reading (list, filter, show, stats),
publishing (export, chart), checking (validate, schema), writing (add, import, init, where),
keeping (edit, remove, rename), sources (source add, source check).
"""

import importlib
import os
import sys

from imfhist.cli.app import INTERRUPTED, OK, app

# Importing a family registers its commands; this order is the order of `imfhist --help`.
FAMILIES = ("reading", "publishing", "checking", "writing", "keeping", "sources")
for _family in FAMILIES:
    importlib.import_module(f"imfhist.cli.{_family}")

__all__ = ["app", "main"]


def _only_the_requested_command(arguments: list[str]) -> None:
    """Keep only the command that was asked for: Typer builds every registered command, with all
    its options, at each start, and one is enough to run (help, completion and mistyped names
    still see them all)."""
    if "_IMFHIST_COMPLETE" in os.environ:
        return
    names = {info.name for info in app.registered_commands}
    position = 0
    while position < len(arguments):
        argument = arguments[position]
        if argument in ("--help", "-h"):
            return
        if argument in ("--lang", "--file", "-f"):
            position += 2
            continue
        if argument.startswith("-"):
            position += 1
            continue
        if argument in names:
            app.registered_commands = [i for i in app.registered_commands if i.name == argument]
        return


def main() -> None:
    """Run the command line. Typer turns usage errors into exit 2, Ctrl-C during a command into
    130 and a closed pipe into a quiet exit; this covers the moments around it."""
    try:
        _only_the_requested_command(sys.argv[1:])
        app()
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`imfhist list | head -1`): point stdout at /dev/null so that the
        # interpreter's final flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(OK)

