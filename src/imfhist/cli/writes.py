"""What every writing command does the same way: plan a change, write it or show it as a diff
(`--dry-run`), and turn each reason it was refused into one clear line and an exit code.

Not a family of commands: the helper that the writing families (writing, keeping, sources)
share, so that each of their commands stays a few lines.
"""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and real annotations spare it evaluating strings.
import contextlib
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from imfhist.cli.app import PROBLEMS
from imfhist.cli.common import fail, note
from imfhist.cli.streams import stderr
from imfhist.common.i18n import _

if TYPE_CHECKING:
    from imfhist.keeping.transaction import Outcome, Planner

DryRunOption = Annotated[bool, typer.Option("--dry-run", help=_(
    "Print the change as a unified diff; write nothing."))]


def print_problems(problems: "Iterable[object]") -> None:
    from imfhist.publishing.report.text import problem_line

    console = stderr()
    for problem in problems:
        console.print(problem_line(problem), soft_wrap=True)  # type: ignore[arg-type]


def lock_failed(path: Path, error: Exception) -> NoReturn:
    from imfhist.keeping.locking import LockTimeout

    if isinstance(error, LockTimeout):
        fail(_("another imfhist has been writing {path} for {seconds:g} s: nothing was "
               "written").format(path=path, seconds=error.seconds),
             _("try again; IMFHIST_LOCK_TIMEOUT sets how many seconds to wait"))
    fail(_("cannot lock {path}: {reason}").format(path=path, reason=error),
         _("nothing was written; check the permissions of the folder"))


@contextlib.contextmanager
def holding(path: Path) -> Iterator[None]:
    """Hold the timeline's lock around more than one write (then `change(..., held=True)`);
    exit with one line when it cannot be had."""
    from imfhist.keeping.locking import LockError, LockTimeout
    from imfhist.keeping.transaction import holding as hold

    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(hold(path))
        except (LockTimeout, LockError) as error:
            lock_failed(path, error)
        yield


def change(path: Path, planner: "Planner", *, wanted: Iterable[str] = (),
           dry_run: bool = False, quiet: bool = False,
           expected: Iterable[str] = (), held: bool = False) -> "Outcome":
    """Make the change (or, with `dry_run`, print its diff); exit with one clear line when it is
    refused. Returns the outcome of a change that was made or shown. `held`: inside `holding`."""
    from imfhist.common.problems import TimelineUnreadable
    from imfhist.keeping.atomic import ReadOnly, WriteError
    from imfhist.keeping.changes import PlanRefused
    from imfhist.keeping.locking import LockError, LockTimeout
    from imfhist.keeping.outline import Unsupported
    from imfhist.keeping.transaction import NotATimeline, WriteRefused, rewrite

    try:
        outcome = rewrite(path, planner, wanted=wanted, dry_run=dry_run, expected=expected,
                          held=held)
    except PlanRefused as refused:
        for line in refused.details:
            note(line, style="red")
        fail(refused.message, refused.hint, code=refused.code)
    except WriteRefused as refused:
        print_problems(refused.problems)
        fail(_("the timeline would not be valid: nothing was written"), code=PROBLEMS)
    except (NotATimeline, TimelineUnreadable) as error:
        problems = error.problems if isinstance(error, NotATimeline) else [error.problem]
        print_problems(problems[:10])
        fail(_("{path} is not a timeline that can be changed: nothing was written").format(
            path=path), _("`imfhist validate` lists every problem"))
    except Unsupported as unsupported:
        fail(_("{path}:{line}: imfhist cannot change a file written with {construct} without "
               "rewriting other lines: nothing was written").format(
                   path=path, line=unsupported.line, construct=unsupported.construct),
             _("write that part in block style, as `imfhist init` does, or change it by hand"))
    except ReadOnly:
        fail(_("{path} is read-only: nothing was written").format(path=path),
             _("make it writable (chmod u+w) if it is meant to change"))
    except (LockTimeout, LockError) as error:
        lock_failed(path, error)
    except WriteError as error:
        fail(_("cannot write {path}: {reason}").format(path=path, reason=error),
             _("nothing was written; check the folder and the free space"))
    if quiet:
        return outcome
    if dry_run:
        sys.stdout.write(outcome.diff())
        sys.stdout.flush()
        note(_("Dry run: nothing was written."))
    elif not outcome.changed:
        note(_("Nothing to change."))
    return outcome
