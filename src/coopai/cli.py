"""The coopai command line: `coopai assess`, `coopai framework ...`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from coopai import __version__
from coopai.audit.cli import audit
from coopai.framework import ContentError, CoopaiError, load_framework, portfolio, render
from coopai.framework.assessing import assess_path
from coopai.framework.describe import diff_text, show
from coopai.framework.loaded import Framework
from coopai.framework.loader import available_versions
from coopai.framework.template import proposal_template
from coopai.reports.cli import report
from coopai.transparency.cli import atrs

# Exit statuses, documented in docs/cli.md so a pipeline can rely on them.
EXIT_CLEAR = 0
EXIT_RED_LINES = 1
EXIT_INVALID = 2


def _colour() -> bool | None:
    return False if os.environ.get("NO_COLOR") else None


def _style(text: str, **kwargs: Any) -> str:
    return click.style(text, **kwargs)


def _fail(error: CoopaiError) -> None:
    for problem in error.problems:
        click.echo(f"error: {problem}", err=True, color=_colour())
    sys.exit(EXIT_INVALID)


def _framework(choice: str | None) -> Framework | None:
    if choice is None:
        return None
    try:
        return load_framework(choice)
    except ContentError as error:
        _fail(error)
        raise  # unreachable: _fail exits


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coopai")
def main() -> None:
    """coopai: decide openly, on co-operative values, whether and how to use AI."""


@main.command()
@click.argument("target", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text for a person, json for a program, markdown for a paper.",
)
@click.option(
    "--framework",
    "framework_choice",
    metavar="VERSION|DIR",
    help="A framework version, or a folder (a full framework or local additions).",
)
def assess(target: Path, fmt: str, framework_choice: str | None) -> None:
    """Score a proposal file, or every proposal file in a folder.

    Exit status: 0 no red lines, 1 red lines raised, 2 a file could not be scored.
    """
    framework = _framework(framework_choice)
    if target.is_dir():
        _assess_folder(target, fmt, framework)
        return
    try:
        _, result = assess_path(target, framework=framework)
    except CoopaiError as error:
        _fail(error)
        return
    if fmt == "json":
        click.echo(render.to_json(result), nl=False)
    elif fmt == "markdown":
        click.echo(render.to_markdown(result), nl=False)
    else:
        click.echo(render.to_text(result, _style), nl=False, color=_colour())
    sys.exit(EXIT_RED_LINES if result.red_lines else EXIT_CLEAR)


def _assess_folder(folder: Path, fmt: str, framework: Framework | None) -> None:
    files = portfolio.proposal_files(folder)
    if not files:
        click.echo(f"error: {folder} holds no .yaml proposal files.", err=True)
        sys.exit(EXIT_INVALID)
    entries = portfolio.assess_files(files, framework=framework)
    not_scored = [entry for entry in entries if isinstance(entry, portfolio.NotScored)]
    for entry in not_scored:
        for problem in entry.problems:
            click.echo(f"error: {problem}", err=True, color=_colour())
    if fmt == "json":
        click.echo(portfolio.to_json(entries), nl=False)
    elif fmt == "markdown":
        click.echo(portfolio.to_markdown(entries), nl=False)
    else:
        click.echo(portfolio.to_text(entries, _style), nl=False, color=_colour())
    if not_scored:
        sys.exit(EXIT_INVALID)
    red_lines = any(isinstance(e, portfolio.Scored) and e.result.red_lines for e in entries)
    sys.exit(EXIT_RED_LINES if red_lines else EXIT_CLEAR)


@main.command(name="new")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--framework",
    "framework_choice",
    metavar="VERSION|DIR",
    help="A framework version, or a folder (a full framework or local additions).",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def new_command(file: Path, framework_choice: str | None, force: bool) -> None:
    """Write a proposal file to fill in: every question, with its allowed answers.

    Exit status: 0 written, 2 not written (the file exists, or cannot be written).
    """
    if file.suffix not in portfolio.PROPOSAL_SUFFIXES:
        _refuse(f"{file}: a proposal file's name ends in .yaml or .yml; choose such a name.")
    text = proposal_template(_framework(framework_choice) or load_framework())
    try:
        with file.open("w" if force else "x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        _refuse(f"{file} already exists; add --force to replace it, or choose another name.")
    except OSError as error:
        _refuse(f"{file} cannot be written ({error.strerror}).")
    same = f" --framework {framework_choice}" if framework_choice else ""
    click.echo(f"Wrote {file}. Fill in every empty value, then run: coopai assess {file}{same}")


def _refuse(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True, color=_colour())
    sys.exit(EXIT_INVALID)


main.add_command(audit)
main.add_command(report)
main.add_command(atrs)


@main.group()
def framework() -> None:
    """Check, read and compare framework content."""


@framework.command()
@click.argument("source", required=False, metavar="[VERSION|DIR]")
def validate(source: str | None) -> None:
    """Check framework content: the schema, unique ids, and that every reference exists."""
    sources = [source] if source else available_versions()
    for item in sources:
        try:
            loaded = load_framework(item)
        except ContentError as error:
            _fail(error)
            return
        local = f" + {loaded.local_version}" if loaded.local_version else ""
        click.echo(
            f"framework {loaded.version}{local}: valid ({len(loaded.questions)} questions, "
            f"{len(loaded.mitigations)} mitigations, {len(loaded.requirements)} requirements, "
            f"{len(loaded.red_lines)} red lines)"
        )


@framework.command(name="show")
@click.argument("source", required=False, metavar="[VERSION|DIR]")
@click.option(
    "--part",
    type=click.Choice(
        [
            "tiers",
            "questions",
            "red_lines",
            "requirements",
            "mitigations",
            "principles",
            "enablers",
            "risks",
        ]
    ),
    help="Show one part only.",
)
def show_command(source: str | None, part: str | None) -> None:
    """Print the framework readably."""
    try:
        click.echo(show(load_framework(source), part), nl=False)
    except ContentError as error:
        _fail(error)


@framework.command(name="diff")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
def diff_command(old: str, new: str) -> None:
    """List what changed between two framework versions or folders."""
    try:
        click.echo(diff_text(load_framework(old), load_framework(new)), nl=False)
    except ContentError as error:
        _fail(error)


@framework.command(name="result-schema")
def result_schema_command() -> None:
    """Print the JSON Schema of `coopai assess --format json`."""
    import json

    from coopai.framework.result_json import result_json_schema

    click.echo(json.dumps(result_json_schema(), indent=2))


@main.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a web app management command, e.g. `coopai manage migrate`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopai.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["coopai manage", *args])


if __name__ == "__main__":
    main()
