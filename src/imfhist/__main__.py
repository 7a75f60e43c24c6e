"""`python -m imfhist` and the `imfhist` script.

The language is chosen before the commands are built, because their help texts are translated
when they are defined.
"""

from __future__ import annotations

import contextlib
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


def _escape_unencodable(error: UnicodeError) -> tuple[str, int]:
    """Characters the output's encoding cannot hold, written as JSON-style \\u escapes: visible,
    and read back unchanged by a JSON reader (JSON output stays valid whatever the encoding)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escaped = []
    for character in error.object[error.start:error.end]:
        code = ord(character)
        if code > 0xFFFF:  # as JSON writes it: a surrogate pair
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), error.end


def _standard_streams() -> None:
    """Make the standard streams usable whatever the process was given, once, before anything
    is printed or read:

    - a closed descriptor 0, 1 or 2 (`imfhist validate >&-`) is pointed at /dev/null, so that
      the command still runs and exits with its code, and no file opened later can take the
      descriptor and receive what was meant for the terminal;
    - an output encoding that cannot hold every character (PYTHONIOENCODING=ascii, latin-1, a
      C locale) escapes what it cannot hold instead of failing; input it cannot decode is
      replaced rather than failing;
    - under GitHub Actions, no line written to the job's log is a workflow command unless it is
      meant to be one (imfhist.publishing.cilog)."""
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != descriptor:  # the lowest free descriptor is the closed one
                os.dup2(opened, descriptor)
                os.close(opened)
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115
    import codecs

    codecs.register_error("imfhist-escape", _escape_unencodable)
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if not encoding.startswith("utf") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="imfhist-escape")
    stdin_encoding = (getattr(sys.stdin, "encoding", None) or "").lower()
    if not stdin_encoding.startswith("utf") and hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")
    # Imported only where there is a runner to guard against: the imports of the package would
    # cost `--version` and each Tab a third of their time.
    if os.environ.get("GITHUB_ACTIONS") == "true":
        from imfhist.publishing.cilog import guard_streams

        guard_streams()


def main() -> None:
    _standard_streams()
    # A short-lived process: collecting reference cycles would only cost time, and a large
    # timeline makes hundreds of thousands of small objects, each of which would count
    # towards the next collection.
    gc.disable()
    arguments = sys.argv[1:]
    if arguments == ["--version"]:  # answered before the command line is built
        from imfhist import __version__

        print(f"imfhist {__version__}")
        return
    from imfhist.common import i18n

    option = _language_option(arguments)
    i18n.use(i18n.choose(option))
    unsupported = i18n.unsupported_setting(option)
    if unsupported is not None and "_IMFHIST_COMPLETE" not in os.environ:
        from imfhist.common.i18n import _
        from imfhist.common.problems import quoted

        # Plain text: importing Rich for one line would slow every command down.
        sys.stderr.write(_("warning: imfhist does not speak {language}, which {variable} asks "
                           "for; it speaks {chosen} (choose one of: {languages})").format(
            language=quoted(unsupported), variable=i18n.ENVIRONMENT_VARIABLE,
            chosen=i18n.language(), languages=", ".join(i18n.LANGUAGES)) + "\n")
    if "_IMFHIST_COMPLETE" in os.environ:
        from imfhist.cli.completion import complete

        if complete(os.environ):
            return
        _plain_completion_help()
    from imfhist.cli import main as run

    try:
        run()
    except SystemExit as exit:
        if exit.code is not None and not isinstance(exit.code, int):
            raise  # a message to print: the interpreter's own exit prints it
        _leave(exit.code or 0)
    _leave(0)


def _leave(code: int) -> None:
    """Exit now, without taking apart what the command built: freeing a large timeline's
    objects one by one took a quarter of `validate`'s time on 10,000 events. Everything the
    command writes is written (its files are closed, its output flushed by then); the standard
    streams are flushed here, quietly if their reader has gone."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
