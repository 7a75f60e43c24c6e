"""`python -m imfhist` and the `imfhist` script.

The language is chosen before the commands are built, because their help texts are translated
when they are defined.
"""

from __future__ import annotations

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


def main() -> None:
    from imfhist import i18n

    i18n.use(i18n.choose(_language_option(sys.argv[1:])))
    from imfhist.cli import main as run

    run()


if __name__ == "__main__":
    main()
