"""`coopai report FILE.yaml`: the committee report from a proposal file.

A file has no review behind it, so its report says "Not yet decided"; the web app prints
the same report with the decision on record.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

import click

from coopai.framework import CoopaiError, load_framework
from coopai.framework.assessing import assess_path
from coopai.reports.build import build_report
from coopai.reports.document import ReportInput
from coopai.reports.formats import FORMATS

# As for `coopai assess`: 0 done, 2 a file could not be read, scored or written.
EXIT_INVALID = 2


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "format_name",
    type=click.Choice(list(FORMATS)),
    default="markdown",
    show_default=True,
    help="pdf or docx for a committee paper (needs -o), markdown for standard output.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file. Required for pdf and docx.",
)
@click.option(
    "--framework",
    "framework_choice",
    metavar="VERSION|DIR",
    help="A framework version, or a folder (a full framework or local additions).",
)
def report(file: Path, format_name: str, output: Path | None, framework_choice: str | None) -> None:
    """Write the committee report for a proposal file: page one for councillors, then
    the detail.

    Exit status: 0 written, 2 the file could not be read or scored, or the report
    could not be written.
    """
    chosen = FORMATS[format_name]
    if chosen.binary and output is None:
        raise click.UsageError(
            f"a {format_name} report is a binary file; name where to write it with -o, "
            f"for example -o {chosen.filename(file.stem)}"
        )
    try:
        framework = load_framework(framework_choice) if framework_choice else None
        proposal, result = assess_path(file, framework=framework)
        used = framework or load_framework(result.framework_version)
    except CoopaiError as error:
        _fail([f"error: {problem}" for problem in error.problems])
    data = chosen.render(
        build_report(ReportInput(proposal=proposal, result=result, framework=used))
    )
    if output is None:
        click.echo(data.decode(), nl=False)
        return
    try:
        write_atomically(output, data)
    except OSError as error:
        _fail([f"error: could not write {output}: {error.strerror or error}."])
    click.echo(f"Wrote {output}", err=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it: a failure part-way leaves
    no half-written report, and any earlier report stays whole."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a report is not
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fail(lines: list[str]) -> NoReturn:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(EXIT_INVALID)
