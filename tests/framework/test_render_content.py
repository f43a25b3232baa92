"""The text and Markdown reports say the same things: everything either said before.

Each fact is read from the result here, not from the report's document, so a fact the
document forgets fails for both formats. Wrapping and table padding are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from coopai.framework import render
from coopai.framework.report import STATUS_WORDS
from coopai.framework.result import RECOMMENDATION_WORDS, AssessmentResult

from .test_render_golden import assessed, examples

FORMATS: dict[str, Callable[[AssessmentResult], str]] = {
    "text": render.to_text,
    "markdown": render.to_markdown,
}
HEADINGS = [
    "Red lines",
    "Why this tier",
    "Suitability",
    "Answers to check",
    "What would lower the tier",
    "What must be done",
    "Co-operative principles",
    "Readiness",
    "Expected benefits",
    "How the score was worked out",
]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def facts(result: AssessmentResult) -> list[str]:
    """What every report of this result must say, in words a reader sees."""
    said = [result.proposal.title, result.tier_label, result.recommendation_reason]
    said += [result.proposal.category_name, result.proposal.technique_name]
    said += [f"{result.score} points", f"{result.impact.percent}%"]
    said += [RECOMMENDATION_WORDS[result.recommendation], result.framework_version]
    said += [f"Provisional: {len(result.unanswered)}"] if result.unanswered else []
    said += [line.prompt for line in result.impact.lines if line.question in result.unanswered]
    said += result.next_steps
    said += [driver.text[1:] for driver in result.drivers]
    said += [result.tier_description, result.mitigation.note]
    for unknown in result.not_known:
        said += [unknown.prompt, unknown.counted_as, unknown.advice]
    for contradiction in result.contradictions:
        said += [contradiction.says, contradiction.advice]
    said += [option.explanation for option in result.lower_tier_options]
    for red_line in result.red_lines:
        said += [red_line.name, red_line.explanation, red_line.how_to_resolve]
    said += [f"Gate “{gate.name}”: at least tier {gate.minimum_tier}" for gate in result.gates]
    for requirement in result.requirements:
        said += [requirement.name, STATUS_WORDS[requirement.status]]
        said += [name for name in requirement.missing_names if " rated " in name]
        said += [s.title for s in requirement.sources]
        said += [s.reference for s in requirement.sources if s.reference]
    said += result.explanation
    for principle in result.principles:
        said += [principle.name, *principle.reasons]
    said += [e.name for e in result.readiness.enablers]
    said += [e.label for e in result.readiness.enablers if e.label]
    if result.suitability:
        verdict = result.suitability
        said += [verdict.label, f"concern {verdict.concern}", verdict.advice, *verdict.reasons]
    said += [benefit.label for benefit in result.benefits]
    return said


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("variant", "stem"), list(examples()))
def test_each_format_says_everything_either_said_before(variant: str, stem: str, fmt: str) -> None:
    result = assessed(variant, stem)
    report = flat(FORMATS[fmt](result))
    assert [fact for fact in facts(result) if flat(fact) not in report] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_missing_fact_would_be_noticed(fmt: str) -> None:
    result = assessed("core", "live-facial-recognition")
    report = flat(FORMATS[fmt](result))
    shortened = report.replace(flat(result.red_lines[0].how_to_resolve), "")
    assert flat(result.red_lines[0].how_to_resolve) in facts(result)
    assert [fact for fact in facts(result) if flat(fact) not in shortened] != []


@pytest.mark.parametrize(("variant", "stem"), list(examples()))
def test_both_formats_give_the_sections_in_the_same_order(variant: str, stem: str) -> None:
    result = assessed(variant, stem)
    text = [line for line in render.to_text(result).splitlines() if line in HEADINGS]
    markdown = [
        line.removeprefix("### ")
        for line in render.to_markdown(result).splitlines()
        if line.removeprefix("### ") in HEADINGS and line.startswith("### ")
    ]
    assert text == markdown
    assert text == [heading for heading in HEADINGS if heading in text]
