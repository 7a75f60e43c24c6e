"""The report as GitHub Actions workflow commands, which the runner turns into annotations:

    ::error file=data/timeline.yaml,line=12,col=9,endLine=12,endColumn=18,title=duplicate-id::…

Values are escaped as the runner requires: `%`, CR and LF everywhere, and `:` and `,` as well
inside properties. Control and invisible characters are shown as escapes first (`\\x1b`), as on a
terminal: the job log renders colour sequences. Each annotation is one line, so no text from the
data can start a line of its own. Paths are relative to the working directory, without a
leading `./`.
"""

from __future__ import annotations

from imfhist.checking.validation import Report
from imfhist.common.problems import Problem
from imfhist.common.safety import clean


def escape_data(text: str) -> str:
    return clean(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(problem: Problem) -> str:
    loc = problem.loc
    path = loc.path[2:] if loc.path.startswith("./") else loc.path
    properties = [f"file={escape_property(path)}"]
    if loc.line:
        properties.append(f"line={loc.line}")
        # The runner refuses columns on an annotation that spans several lines.
        if loc.end_line and loc.end_line != loc.line:
            properties.append(f"endLine={loc.end_line}")
        else:
            properties.append(f"col={loc.column}")
            if loc.end_column > loc.column:
                properties.append(f"endColumn={loc.end_column}")
    properties.append(f"title={escape_property(problem.rule)}")
    message = problem.message + (f" ({problem.hint})" if problem.hint else "")
    return f"::{problem.severity} {','.join(properties)}::{escape_data(message)}"


def render(report: Report, quiet: bool = False, strict: bool = False) -> str:
    lines = [command(p) for p in report.problems]
    if not quiet:
        from imfhist.publishing.report.text import strict_failure, summary

        lines.append(f"imfhist: {summary(report).plain}")
        strict_line = strict_failure(report, strict)
        if strict_line is not None:
            lines.append(f"::error title=imfhist::{escape_data(strict_line.plain)}")
    return "".join(line + "\n" for line in lines)
