"""The two consoles every command prints with: stdout for what the command gives, stderr for
notes, errors and progress. Data always reaches them as text, never as markup."""

# No `from __future__ import annotations`, as in imfhist.cli.common.
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


# Rich is imported only by the commands that print with it: shell completion and --version
# start faster without it.
def stdout() -> "Console":
    from imfhist.publishing.console import TrimmedConsole

    class _Stdout(TrimmedConsole):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1, the code of "problems found": let the command's own code
            # stand instead (imfhist.cli.closing).
            self.quiet = True
            raise BrokenPipeError

    return _Stdout(highlight=False, emoji=False, markup=False)


def stderr() -> "Console":
    from rich.console import Console

    return Console(stderr=True, highlight=False, emoji=False, markup=False)
