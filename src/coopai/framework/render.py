"""Results in words: text for a terminal, Markdown for a committee paper, JSON for machines."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from coopai.framework.result import AssessmentResult
from coopai.framework.result_json import to_json_data

Style = Callable[..., str]

STATUS_WORDS = {"met": "met", "outstanding": "outstanding", "at_decision": "at decision"}
RECOMMENDATION_WORDS = {
    "proceed": "Proceed",
    "proceed_with_conditions": "Proceed with conditions",
    "pilot_first": "Pilot first",
    "do_not_proceed": "Do not proceed",
}


def plain(text: str, **_: object) -> str:
    return text


def to_json(result: AssessmentResult) -> str:
    return json.dumps(to_json_data(result), indent=2, ensure_ascii=False) + "\n"


def to_text(result: AssessmentResult, style: Style = plain) -> str:
    """A readable report for a terminal; `style` adds colour where the terminal allows."""
    lines = [style(result.proposal.title, bold=True), _context(result), ""]
    tier_colour = {1: "green", 2: "cyan", 3: "yellow", 4: "red"}[result.tier]
    lines.append(
        style(f"Tier {result.tier}: {result.tier_label}", fg=tier_colour, bold=True)
        + "   Recommendation: "
        + style(RECOMMENDATION_WORDS[result.recommendation], bold=True)
    )
    lines.append(_score_line(result))
    if not result.complete:
        lines.append(
            style(
                f"Provisional: {len(result.unanswered)} questions not yet answered "
                f"({', '.join(result.unanswered)}).",
                fg="yellow",
            )
        )
    lines.append(result.recommendation_reason)
    lines += _text_red_lines(result, style)
    if result.gates:
        lines += ["", style("Gates", bold=True)]
        lines += [f"  {gate.name}: at least tier {gate.minimum_tier}" for gate in result.gates]
    lines += ["", style("What must be done", bold=True)]
    for requirement in result.requirements:
        colour = {"met": "green", "outstanding": "yellow", "at_decision": "cyan"}[
            requirement.status
        ]
        status = style(f"[{STATUS_WORDS[requirement.status]}]".ljust(14), fg=colour)
        missing = f" (needs {', '.join(requirement.missing)})" if requirement.missing else ""
        lines.append(f"  {status}{requirement.name}{missing}")
    lines += ["", style("How the score was worked out", bold=True)]
    lines += [f"  {line}" for line in result.explanation]
    lines += ["", style("Co-operative principles", bold=True)]
    for principle in result.principles:
        shown = "not assessed" if principle.score is None else f"{principle.score} of 3"
        lines.append(f"  {principle.name.ljust(44)} {shown}")
        lines += [f"    {reason}" for reason in principle.reasons]
    lines += ["", style("Readiness", bold=True)]
    for enabler in result.readiness.enablers:
        shown = "not rated" if enabler.level is None else f"{enabler.level} {enabler.label}"
        lines.append(f"  {enabler.name.ljust(44)} {shown}")
    if result.suitability:
        lines += [
            "",
            style("Suitability", bold=True),
            f"  {result.suitability.label} (concern {result.suitability.concern})",
        ]
        lines += [f"  - {reason}" for reason in result.suitability.reasons]
    if result.benefits:
        lines += ["", style("Expected benefits", bold=True)]
        lines += [f"  {b.label}: {_benefit(b.value, b.type)}" for b in result.benefits]
    return "\n".join(lines) + "\n"


def to_markdown(result: AssessmentResult) -> str:
    """A section ready to paste into a committee paper."""
    md = _markdown_summary(result)
    if not result.complete:
        md += [f"> Provisional: not yet answered: {', '.join(result.unanswered)}.", ""]
    for red_line in result.red_lines:
        md += [
            f"> **Red line: {red_line.name}.** {red_line.explanation} "
            f"To resolve: {red_line.how_to_resolve}",
            "",
        ]
    md += ["### What must be done", "", "| Requirement | Status | Source |", "| --- | --- | --- |"]
    for requirement in result.requirements:
        sources = "; ".join(_source(s.title, s.reference) for s in requirement.sources)
        md.append(f"| {requirement.name} | {STATUS_WORDS[requirement.status]} | {sources} |")
    md += [
        "",
        "### How the score was worked out",
        "",
        "```text",
        *result.explanation,
        "```",
        "",
        "### Co-operative principles",
        "",
        "| Principle | Score |",
        "| --- | --- |",
    ]
    for principle in result.principles:
        md.append(
            f"| {principle.name} | "
            f"{'not assessed' if principle.score is None else f'{principle.score} of 3'} |"
        )
    md += ["", "### Readiness", "", "| Enabler | Level |", "| --- | --- |"]
    for enabler in result.readiness.enablers:
        md.append(
            f"| {enabler.name} | "
            f"{'not rated' if enabler.level is None else f'{enabler.level} {enabler.label}'} |"
        )
    if result.suitability:
        md += ["", f"**Suitability:** {result.suitability.label}. {result.suitability.advice}"]
    if result.benefits:
        md += ["", "### Expected benefits", ""]
        md += [f"- {b.label}: {_benefit(b.value, b.type)}" for b in result.benefits]
    md += ["", f"_Assessed with framework {_version(result)}._", ""]
    return "\n".join(md)


def _markdown_summary(result: AssessmentResult) -> list[str]:
    return [
        f"## {result.proposal.title}",
        "",
        _context(result),
        "",
        "| | |",
        "| --- | --- |",
        f"| Impact tier | **{result.tier} ({result.tier_label})** |",
        f"| Recommendation | **{RECOMMENDATION_WORDS[result.recommendation]}** |",
        f"| Score | {result.score} points (impact {result.impact.raw} of "
        f"{result.impact.maximum} that apply, {result.impact.percent}%; mitigation credit "
        f"{result.mitigation.credit}) |",
        f"| Red lines | {len(result.red_lines) or 'None'} |",
        "",
        result.recommendation_reason,
        "",
    ]


def _text_red_lines(result: AssessmentResult, style: Style) -> list[str]:
    if not result.red_lines:
        return []
    lines = ["", style("Red lines", fg="red", bold=True)]
    for red_line in result.red_lines:
        lines.append(style(f"  ! {red_line.name}", fg="red"))
        lines += _wrap(red_line.explanation, "    ")
        lines += _wrap("To resolve: " + red_line.how_to_resolve, "    ")
    return lines


def portfolio(rows: Iterable[tuple[str, AssessmentResult]], style: Style = plain) -> str:
    """One line per proposal, for a whole folder."""
    header = f"{'File':34} {'Tier':13} {'Score':>5} {'Red lines':>9}  Recommendation"
    lines = [style(header, bold=True)]
    for name, result in rows:
        tier = f"{result.tier} {result.tier_label}"
        red = str(len(result.red_lines)) if result.red_lines else "-"
        lines.append(
            f"{name[:34]:34} {tier:13} {result.score:>5} {red:>9}  "
            f"{RECOMMENDATION_WORDS[result.recommendation]}"
        )
    return "\n".join(lines) + "\n"


def _context(result: AssessmentResult) -> str:
    parts = [p for p in (result.proposal.council, result.proposal.service_area) if p]
    parts += [result.proposal.category, result.proposal.technique, f"framework {_version(result)}"]
    return " · ".join(parts)


def _version(result: AssessmentResult) -> str:
    local = f" + {result.framework_local_version}" if result.framework_local_version else ""
    return f"{result.framework_version}{local}"


def _score_line(result: AssessmentResult) -> str:
    return (
        f"Score {result.score} points: impact {result.impact.raw} of "
        f"{result.impact.maximum} points that apply ({result.impact.percent}%), "
        f"mitigation credit {result.mitigation.credit} of {result.mitigation.maximum}."
    )


def _source(title: str, reference: str | None) -> str:
    return f"{title}, {reference}" if reference else title


def _benefit(value: int | float | str, kind: str) -> str:
    if kind == "money" and isinstance(value, int | float):
        return f"£{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _wrap(text: str, indent: str, width: int = 88) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent)
