"""The `imfhist` command group: its global options and exit codes. The commands live in one
module per family (reading, publishing, checking, writing), each registering on `app`.
"""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and real annotations spare it evaluating strings.
from pathlib import Path
from typing import Annotated

import typer

from imfhist import __version__
from imfhist.cli.commands import Group
from imfhist.cli.options import LangOption, path_argument
from imfhist.common import i18n
from imfhist.common.i18n import _, p_

OK, PROBLEMS, CANNOT_RUN, INTERRUPTED = 0, 1, 2, 130

app = typer.Typer(
    name="imfhist",
    cls=Group,
    help=_("Keep an organisation's history as data: list, filter, show, validate, export and "
           "chart a YAML timeline (by default, the IMF's international cooperation history)."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)



def _version(value: bool) -> None:
    if value:
        print(f"imfhist {__version__}")
        raise typer.Exit(OK)


@app.callback()
def main_options(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help=_("Show the version and exit."))] = False,
    lang: LangOption = None,
    file: Annotated[Path | None, typer.Option(
        "--file", "-f", metavar=p_("metavar", "PATH"), show_default=False, parser=path_argument,
        help=_("Timeline file. Default: $IMFHIST_FILE, else the timeline setting of "
               "pyproject.toml (tool.imfhist) or imfhist.toml, else data/timeline.yaml, found "
               "upwards; reading falls back on the shipped IMF timeline (`imfhist where` says "
               "which)."))]
    = None,
) -> None:
    # --file before the command counts as if given after it (see imfhist.cli.options).
    if file is not None:
        ctx.obj = {"file": file}
    # The language of --help was chosen before the commands were built (see imfhist.__main__);
    # this sets it for what the command prints when run without that step, as in tests.
    i18n.use(i18n.choose(lang), asked=lang is not None)

