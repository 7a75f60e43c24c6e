"""Questions asked in a terminal, in the user's language: a text, a choice, yes or no.

Rich's prompts speak English ("Please enter Y or N", `[y/n]`, `Title:`); these take the answers
of the interface language (`o`, `oui`, `non` in French) as well as English ones, which every
keyboard habit types, and put French typography's space before the colon."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.markup import escape
from rich.prompt import Confirm, InvalidResponse, Prompt

from imfhist.common.i18n import _, p_


def _localise(prompt: Any) -> None:
    prompt.prompt_suffix = _(": ")
    prompt.validate_error_message = "[prompt.invalid]" + escape(_("Please enter a valid value"))
    prompt.illegal_choice_message = "[prompt.invalid.choice]" + escape(
        _("Please select one of the available options"))


def yes_words() -> set[str]:
    return {"y", "yes", p_("answer", "y").casefold(), p_("answer", "yes").casefold()}


def no_words() -> set[str]:
    return {"n", "no", p_("answer", "n").casefold(), p_("answer", "no").casefold()}


class Question(Prompt):
    """A question whose answer is text, or one of `choices` read by `reader` (which returns
    the value to keep, or None for an answer it does not know)."""

    def __init__(self, *args: Any, reader: Callable[[str], str | None] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reader = reader
        _localise(self)

    def process_response(self, value: str) -> str:
        if self.reader is None:
            return super().process_response(value)
        read = self.reader(value.strip())
        if read is None:
            raise InvalidResponse(self.illegal_choice_message)
        return read


class YesNo(Confirm):
    """A yes/no question: `o`/`oui`/`n`/`non` in French, `y`/`yes`/`n`/`no` always."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _localise(self)
        self.choices = [p_("answer", "y"), p_("answer", "n")]
        self.validate_error_message = "[prompt.invalid]" + escape(
            _("Please answer {yes} or {no}.").format(yes=p_("answer", "yes"),
                                                    no=p_("answer", "no")))

    def process_response(self, value: str) -> bool:
        answer = value.strip().casefold()
        if answer in yes_words():
            return True
        if answer in no_words():
            return False
        raise InvalidResponse(self.validate_error_message)
