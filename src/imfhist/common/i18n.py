"""The interface language: French or English, chosen the way localised command-line tools choose.

In order: `--lang fr|en`; the `IMFHIST_LANG` environment variable (one that names another
language is passed over, with one warning on stderr); the locale (`LC_ALL`, then
`LC_MESSAGES`, then `LANG`); English. Messages live in gettext catalogues
(`locale/<lang>/LC_MESSAGES/imfhist.po`, compiled to `.mo`), extracted and compiled with Babel;
plural forms come from the catalogue.

The catalogue is also made gettext's default domain, so that the strings of Typer itself
("Usage:", "Options", "Show this message and exit.") are translated with the same choice.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "imfhist"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "fr")
ENVIRONMENT_VARIABLE = "IMFHIST_LANG"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_asked: str | None = None  # the language --lang named, if it named one


def _language_of(value: str | None) -> str | None:
    """"fr", "fr_FR.UTF-8", "FR" -> "fr"; "C", "POSIX", "" and unknown languages -> None."""
    if not value:
        return None
    code = value.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
    return code if code in LANGUAGES else None


def supported(value: str) -> bool:
    """Whether `value` ("fr", "en", "fr_FR.UTF-8") names a language imfhist speaks."""
    return _language_of(value) is not None


def choose(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    if _language_of(option):
        return _language_of(option)  # type: ignore[return-value]
    if _language_of(environ.get(ENVIRONMENT_VARIABLE)):
        return _language_of(environ.get(ENVIRONMENT_VARIABLE))  # type: ignore[return-value]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:  # the first one set decides, as POSIX says, even when it is "C"
            return _language_of(value) or "en"
    return "en"


def unsupported_setting(option: str | None = None,
                        environ: Mapping[str, str] | None = None) -> str | None:
    """The value of IMFHIST_LANG when it names a language imfhist does not speak and decides
    (no --lang): the command still runs, in the language the locale gives, and says so once,
    because a variable set for imfhist alone is meant as much as --lang is, and a silent
    fallback would leave its user wondering why it has no effect. The locale variables, shared
    by every program, stay silent, as gettext does."""
    environ = os.environ if environ is None else environ
    value = environ.get(ENVIRONMENT_VARIABLE)
    if option is not None or not value or _language_of(value):
        return None
    return value


def use(language: str, *, asked: bool = False) -> None:
    """Speak `language` from now on, in imfhist's messages and in Typer's; `asked` when --lang
    named it, which documents with a language of their own (a page) then follow."""
    global _translation, _language, _asked
    _language = language if language in LANGUAGES else "en"
    _asked = _language if asked else None
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)
    # Typer and Click call gettext.gettext(): point the default domain at this catalogue.
    os.environ["LANGUAGE"] = _language
    gettext.bindtextdomain(DOMAIN, LOCALE_DIR)
    gettext.textdomain(DOMAIN)


def language() -> str:
    return _language


def asked() -> str | None:
    """The language --lang asked for, or None when it was chosen by default."""
    return _asked


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Translate into `language` inside the block only (a document written in the language of
    its content while the command speaks another), then speak as before."""
    global _translation, _language
    saved = _translation, _language
    _language = language if language in LANGUAGES else "en"
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)
    try:
        yield
    finally:
        _translation, _language = saved


def _(message: str) -> str:
    return _translation.gettext(message)


def p_(context: str, message: str) -> str:
    return _translation.pgettext(context, message)


def n_(singular: str, plural: str, count: int) -> str:
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:  # the gettext convention for "mark now, translate later"
    return message


# Typer's own strings, which it looks up in gettext's default domain (set to this catalogue by
# `use`): listed here so that extraction puts them in the catalogue.
TYPER_STRINGS = (
    N_("Options"), N_("Commands"), N_("Arguments"), N_("Error"), N_("Aborted."), N_("Aborted!"),
    N_("[default: {}]"), N_("[required]"), N_("[env var: {}]"), N_("(deprecated) "),
    N_("(dynamic)"), N_("default: {default}"), N_("required"), N_("env var: {var}"),
    N_("Try [blue]'{command_path} {help_option}'[/] for help."), N_("Missing command."),
    N_("No such command {name!r}."),
)
