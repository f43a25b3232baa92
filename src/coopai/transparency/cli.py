"""``coopai atrs``: ATRS records from proposal files, as JSON or CSV.

The export goes to standard output (or --output); standard error says, file by file,
which required fields the owner still has to complete. A file that cannot be read or
scored is reported as `coopai assess` reports it, and the exit status is 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

import click

from coopai.framework import ContentError, CoopaiError, load_framework
from coopai.framework.assessing import assess_path
from coopai.framework.loaded import Framework
from coopai.transparency.atrs import AtrsRecord, RecordError, build_record
from coopai.transparency.export import bundle_json_data, to_csv, to_json_data
from coopai.transparency.standard import load_standard

EXIT_OK = 0
EXIT_INVALID = 2


@click.command(name="atrs")
@click.argument("target", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="json: one record, or a bundle for a folder. csv: a row per record.",
)
@click.option(
    "--framework",
    "framework_choice",
    metavar="VERSION|DIR",
    help="A framework version, or a folder (a full framework or local additions).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the export to this file instead of standard output.",
)
def atrs(target: Path, fmt: str, framework_choice: str | None, output: Path | None) -> None:
    """Write UK Algorithmic Transparency Recording Standard (ATRS 4.0) records for a
    proposal file, or for every proposal file in a folder.

    A proposal file has no decision or stage yet, so its phase is pre-deployment.
    Exit status: 0 written, 2 a file could not be read or scored.
    """
    framework = _framework(framework_choice)
    files = _files(target)
    records: list[AtrsRecord] = []
    failed = False
    for path in files:
        record = _record(path, framework)
        if record is None:
            failed = True
            continue
        records.append(record)
        _tell_missing(path, record)
    if records or target.is_dir():
        text = _export(records, fmt, folder=target.is_dir())
        if output is None:
            click.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
            click.echo(f"Wrote {len(records)} record(s) to {output}.", err=True)
    sys.exit(EXIT_INVALID if failed else EXIT_OK)


def _framework(choice: str | None) -> Framework | None:
    if choice is None:
        return None
    try:
        return load_framework(choice)
    except ContentError as error:
        _fail(error.problems)


def _files(target: Path) -> list[Path]:
    if not target.is_dir():
        return [target]
    files = sorted(p for p in target.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    if not files:
        _fail([f"{target} holds no .yaml proposal files."])
    return files


def _record(path: Path, chosen: Framework | None) -> AtrsRecord | None:
    try:
        proposal, result = assess_path(path, framework=chosen)
        framework = chosen or load_framework(result.framework_version)
        return build_record(proposal, result, framework)
    except CoopaiError as error:
        _report(error.problems)
    except RecordError as error:
        _report(f"{path}: {problem}" for problem in error.problems)
    return None


def _tell_missing(path: Path, record: AtrsRecord) -> None:
    """The required fields still empty, by section, so a person knows what to write."""
    if not record.missing:
        click.echo(f"{path}: every required field is filled.", err=True)
        return
    standard = load_standard(record.standard_version)
    count = len(record.missing)
    click.echo(f"{path}: the owner still needs to complete {count} required field(s):", err=True)
    for section in standard.sections:
        names = [f.name for f in section.fields if f.id in record.missing]
        if names:
            click.echo(f"  {section.title}: {', '.join(names)}", err=True)


def _export(records: list[AtrsRecord], fmt: str, *, folder: bool) -> str:
    if fmt == "csv":
        return to_csv(records)
    data = bundle_json_data(records) if folder else to_json_data(records[0])
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _report(problems: Iterable[object]) -> None:
    for problem in problems:
        click.echo(f"error: {problem}", err=True)


def _fail(problems: Iterable[object]) -> NoReturn:
    _report(problems)
    sys.exit(EXIT_INVALID)
