"""`python -m imfhist` and the `imfhist` script.

The language is chosen before the commands are built, because their help texts are translated
when they are defined.
"""

from __future__ import annotations

import gc
import os
import sys


def _language_option(arguments: list[str]) -> str | None:
    for number, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == "--lang" and number + 1 < len(arguments):
            return arguments[number + 1]
        if argument.startswith("--lang="):
            return argument.split("=", 1)[1]
    return None


def _plain_completion_help() -> None:
    """Shell completion runs at every Tab: spare it the import of Rich's Markdown renderer,
    which Typer loads only to strip markup from help texts that have none."""
    try:
        from typer import _completion_classes
    except ImportError:  # another Typer layout: completion still works, only slower
        return
    if hasattr(_completion_classes, "_sanitize_help_text"):
        _completion_classes._sanitize_help_text = lambda text: text


def main() -> None:
    # A short-lived process: collecting reference cycles would only cost time, and a large
    # timeline makes hundreds of thousands of small objects, each of which would count
    # towards the next collection.
    gc.disable()
    arguments = sys.argv[1:]
    if arguments == ["--version"]:  # answered before the command line is built
        from imfhist import __version__

        print(f"imfhist {__version__}")
        return
    from imfhist import i18n

    i18n.use(i18n.choose(_language_option(arguments)))
    if "_IMFHIST_COMPLETE" in os.environ:
        from imfhist.completion import complete

        if complete(os.environ):
            return
        _plain_completion_help()
    from imfhist.cli import main as run

    run()


if __name__ == "__main__":
    main()
