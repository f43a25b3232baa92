"""``coopai audit bias|errors|quality``: the audits on the command line.

The project's main CLI registers :data:`audit` as a subcommand group. Bad input
exits with status 2 (as for `coopai assess`) and says on stderr exactly what was wrong.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, NoReturn

import click

from coopai.audit.bias import BiasMapping, BiasOptions, bias_audit
from coopai.audit.error_audit import error_audit
from coopai.audit.kinds import document, publishable
from coopai.audit.problems import AuditInputError
from coopai.audit.publish import SUPPRESSION_LIMIT
from coopai.audit.quality import quality_profile
from coopai.audit.references import reference_groups, value_names
from coopai.audit.render import to_html, to_markdown, to_text
from coopai.audit.result_json import to_json_data
from coopai.audit.results import AuditResult
from coopai.audit.source import ProgressCallback

Format = Literal["text", "json", "markdown", "html"]
PUBLISHED_BY_DEFAULT = ("markdown", "html")


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _common_output_options(command: Callable[..., None]) -> Callable[..., None]:
    options = [
        click.option(
            "--format",
            "output_format",
            type=click.Choice(["text", "json", "markdown", "html"]),
            default="text",
            show_default=True,
            help="How to write the result.",
        ),
        click.option(
            "--publish/--no-publish",
            default=None,
            help=f"Withhold counts under {SUPPRESSION_LIMIT} and rates that reveal them. On by "
            "default for markdown and html, which are meant to be shared.",
        ),
        click.option(
            "--output",
            "-o",
            type=click.Path(dir_okay=False, writable=True, path_type=Path),
            help="Write the result to this file instead of standard output.",
        ),
        click.option(
            "--progress/--no-progress",
            default=None,
            help="Show a progress bar on stderr (default: when stderr is a terminal).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@contextmanager
def _progress(enabled: bool | None) -> Iterator[ProgressCallback | None]:
    if not (sys.stderr.isatty() if enabled is None else enabled):
        yield None
        return
    with click.progressbar(length=1000, label="Auditing", file=sys.stderr) as bar:
        done = 0

        def advance(fraction: float) -> None:
            nonlocal done
            target = int(fraction * 1000)
            if target > done:
                bar.update(target - done)
                done = target

        yield advance


def _emit(
    result: AuditResult, output_format: Format, publish: bool | None, output: Path | None
) -> None:
    if publish if publish is not None else output_format in PUBLISHED_BY_DEFAULT:
        result = publishable(result)
    if output_format == "json":
        text = json.dumps(to_json_data(result), indent=2) + "\n"
    else:
        renderers = {"text": to_text, "markdown": to_markdown, "html": to_html}
        text = renderers[output_format](document(result))
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}", err=True)


def _fail(error: AuditInputError) -> NoReturn:
    for problem in error.problems:
        click.echo(f"Error: {problem}", err=True)
    raise SystemExit(2)


@click.group(name="audit")
def audit() -> None:
    """Audit an AI's outputs for bias, errors and data quality."""


@audit.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--prediction", help="Column of 0/1 predictions (1 = selected).")
@click.option("--score", help="Column of scores; needs --threshold (score >= threshold = 1).")
@click.option("--threshold", type=float, help="Threshold applied to --score.")
@click.option("--label", help="Column of true outcomes (0/1); optional.")
@click.option(
    "--protected", required=True, help="Comma-separated protected characteristic columns."
)
@click.option(
    "--intersect",
    multiple=True,
    help="Comma-separated columns to cross (repeatable). Default: all protected columns.",
)
@click.option("--reference", multiple=True, help="Reference group as column=value (repeatable).")
@click.option(
    "--name",
    "names",
    multiple=True,
    help="A name for a group, as column=value:name, e.g. sex=M:Men (repeatable). Reports "
    "name groups by these instead of by column and value.",
)
@click.option(
    "--use",
    type=click.Choice(["assistive", "punitive"]),
    help="Does being selected help people (assistive) or count against them (punitive)?",
)
@click.option(
    "--worse-error",
    type=click.Choice(["false_positive", "false_negative", "both"]),
    help="Which mistake harms people more.",
)
@click.option("--min-group", type=click.IntRange(min=1), default=30, show_default=True)
@click.option(
    "--materiality",
    type=click.FloatRange(0, 1, min_open=True),
    default=0.8,
    show_default=True,
    help="Ratios between this and its inverse are not flagged.",
)
@_common_output_options
def bias(
    file: Path,
    prediction: str | None,
    score: str | None,
    threshold: float | None,
    label: str | None,
    protected: str,
    intersect: tuple[str, ...],
    reference: tuple[str, ...],
    names: tuple[str, ...],
    use: Literal["assistive", "punitive"] | None,
    worse_error: Literal["false_positive", "false_negative", "both"] | None,
    min_group: int,
    materiality: float,
    output_format: Format,
    publish: bool | None,
    output: Path | None,
    progress: bool | None,
) -> None:
    """Compare a model's selections and errors between groups of people in FILE."""
    options = BiasOptions(
        min_group_size=min_group, materiality=materiality, use=use, worse_error=worse_error
    )
    try:
        mapping = BiasMapping(
            protected=_split(protected),
            prediction=prediction,
            score=score,
            threshold=threshold,
            label=label,
            intersections=[_split(i) for i in intersect] if intersect else None,
            reference=reference_groups(reference, protected=_split(protected)),
            value_names=value_names(names, protected=_split(protected)),
        )
        with _progress(progress) as on_progress:
            result = bias_audit(file, mapping=mapping, options=options, on_progress=on_progress)
    except AuditInputError as error:
        _fail(error)
    _emit(result, output_format, publish, output)


@audit.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--verdict", required=True, help="Column of reviewers' verdicts.")
@click.option("--group", "groups", help="Comma-separated columns to break the rates down by.")
@click.option(
    "--target-width",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    default=0.1,
    show_default=True,
    help="Interval width to plan more samples for.",
)
@click.option("--min-group", type=click.IntRange(min=1), default=30, show_default=True)
@_common_output_options
def errors(
    file: Path,
    verdict: str,
    groups: str | None,
    target_width: float,
    min_group: int,
    output_format: Format,
    publish: bool | None,
    output: Path | None,
    progress: bool | None,
) -> None:
    """Error rates of a generative tool's outputs as marked by reviewers in FILE.

    Verdicts: correct, minor_error, major_error, harmful.
    """
    try:
        with _progress(progress) as on_progress:
            result = error_audit(
                file,
                verdict=verdict,
                groups=_split(groups),
                target_width=target_width,
                min_group_size=min_group,
                on_progress=on_progress,
            )
    except AuditInputError as error:
        _fail(error)
    _emit(result, output_format, publish, output)


@audit.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--protected", help="Comma-separated columns to compare with the reference.")
@click.option(
    "--reference-population",
    type=click.Path(path_type=Path),
    help="CSV with columns group,share (and characteristic if more than one).",
)
@_common_output_options
def quality(
    file: Path,
    protected: str | None,
    reference_population: Path | None,
    output_format: Format,
    publish: bool | None,
    output: Path | None,
    progress: bool | None,
) -> None:
    """Profile FILE's completeness, validity, duplicates and make-up."""
    try:
        with _progress(progress) as on_progress:
            result = quality_profile(
                file,
                protected=_split(protected),
                reference_population=reference_population,
                on_progress=on_progress,
            )
    except AuditInputError as error:
        _fail(error)
    _emit(result, output_format, publish, output)
