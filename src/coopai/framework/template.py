"""A proposal file to fill in (`coopai new`), written from the framework's own content.

Every question, answer, mitigation, enabler, principle, triage question and benefit
comes from the framework as loaded, so local additions appear and a new question needs
no change here. Each value to fill is left empty: the proposal checker refuses an empty
value with the key and what is allowed, so a file half filled in is never scored.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

import yaml

from coopai.framework.conditions import describe as describe_condition
from coopai.framework.loaded import Framework
from coopai.framework.proposal import DESCRIPTION_REQUIRED, MAX_TEXT

WIDTH = 88

# What each kind of number or text may be, in the words of the proposal checker's refusals.
WHOLE_NUMBER = "a whole number, 0 or more"
BENEFIT_KINDS = {
    "integer": WHOLE_NUMBER,
    "money": "an amount in pounds, 0 or more",
    "text": f"text, at most {MAX_TEXT:,} characters",
}
RATINGS = "0 to 3"
DESCRIPTION_HINTS = {
    "title": "a short name for the proposal",
    "council": "the council's name",
    "service_area": "the service that would run it",
    "description": "what the AI would do and for whom, in a few sentences",
}


def proposal_template(framework: Framework) -> str:
    """The proposal format's every key, each value empty, with comments saying what fits."""
    # In the order of the proposal format's keys (proposal.TOP_LEVEL), one part a key.
    parts = (
        _version,
        _description,
        _facts,
        _not_known,
        _mitigations,
        _enablers,
        _principles,
        _suitability,
        _benefits,
    )
    lines = _header(framework)
    for write in parts:
        lines += ["", *write(framework)]
    return "\n".join(lines) + "\n"


def _header(framework: Framework) -> list[str]:
    local = (
        f", with {framework.manifest.name} ({framework.local_version})"
        if framework.local_version
        else ""
    )
    sentences = [
        f"A proposal for coopai to score, written from {framework.core.name} "
        f"{framework.version}{local}.",
        "Fill in every empty value, after a colon or a dash. The comment above each key says "
        "what it may be; a value shown in quotes keeps its quotes. Parts marked optional may "
        "be deleted instead. Indent with spaces, never tabs.",
        "Then run: coopai assess <this file>"
        + (" --framework <the folder of local additions>" if local else "")
        + ". Until every value is filled in, the file is refused, naming each key still to fill.",
    ]
    return [line for sentence in sentences for line in _comment("", sentence)]


def _version(framework: Framework) -> list[str]:
    return [
        *_comment("", "The framework version this proposal is scored by."),
        f"framework_version: {scalar(framework.version)}",
    ]


def _description(framework: Framework) -> list[str]:
    lines = [*_comment("", "About the proposal."), "proposal:"]
    choices = {
        "category": [(item.id, item.name) for item in framework.categories],
        "technique": [(item.id, item.name) for item in framework.techniques],
    }
    for key in ("title", "council", "service_area", "category", "technique", "description"):
        need = "Required" if key in DESCRIPTION_REQUIRED else "Optional"
        if key in choices:
            lines += _comment("  ", f"{need}, one of:") + _choices("  ", choices[key])
        else:
            lines += _comment("  ", f"{need}: {DESCRIPTION_HINTS[key]}.")
        lines.append(f"  {key}:")
    return lines


def _facts(framework: Framework) -> list[str]:
    lines = [
        *_comment("", "The facts of the proposal: answer every question that applies."),
        "facts:",
    ]
    section_names = {section.id: section.name for section in framework.sections}
    section = None
    for question in framework.questions:
        if question.section != section:
            section = question.section
            name = section_names.get(section, section)
            lines += ["", *_comment("  ", name.upper())]
        lines += ["", *_comment("  ", question.prompt)]
        if question.applies_when is not None:
            lines += _comment(
                "  ",
                f"Only when {describe_condition(question.applies_when)}; "
                "otherwise delete this line.",
            )
        if question.type == "integer":
            lines += _comment("  ", f"{WHOLE_NUMBER[0].upper()}{WHOLE_NUMBER[1:]}.")
        else:
            lines += _choices("  ", [(answer.value, answer.label) for answer in question.answers])
        lines.append(f"  {question.id}:")
    return lines


def _not_known(framework: Framework) -> list[str]:
    may = [q for q in framework.questions if q.not_known is not None]
    lines = [
        *_comment(
            "",
            "Optional: questions whose answer nobody knows yet. List each here instead of "
            "under facts; it is scored as the answer shown, and the result says what to find "
            "out. These may be answered so:",
        )
    ]
    for question in may:
        assert question.not_known is not None  # chosen above
        counted = next(a.label for a in question.answers if a.value == question.not_known.counts_as)
        lines += _bullet(f"{question.id}: {question.prompt} Counted as “{counted}”.")
    return [*lines, "not_known: []"]


def _mitigations(framework: Framework) -> list[str]:
    return [
        *_comment(
            "",
            "The mitigations already in place: put one key after each dash, a line each, or "
            "write mitigations: [] when none are. The catalogue:",
        ),
        *_choices("", [(item.id, item.name) for item in framework.mitigations]),
        "mitigations:",
        "  -",
    ]


def _enablers(framework: Framework) -> list[str]:
    lines = [
        *_comment("", f"Optional: how ready the council is around the AI, each rated {RATINGS}."),
        "enablers:",
    ]
    for enabler in framework.enablers:
        levels = ", ".join(f"{level.level} {level.label}" for level in enabler.levels)
        lines += [*_comment("  ", f"{enabler.name}: {levels}."), f"  {enabler.id}:"]
    return lines


def _principles(framework: Framework) -> list[str]:
    lines = [
        *_comment(
            "",
            f"Optional: how well the proposal lives up to each co-operative principle, rated "
            f"{RATINGS}, with evidence.",
        ),
        "principles:",
    ]
    for principle in framework.principles:
        needed = principle.scoring.evidence_needed_from
        lines += [
            "",
            *_comment("  ", f"{principle.name}. A rating of {needed} or more needs evidence. Ask:"),
        ]
        lines += [line for prompt in principle.evidence_prompts for line in _bullet(prompt)]
        lines += [f"  {principle.id}:", "    rating:", '    evidence: ""']
    return lines


def _suitability(framework: Framework) -> list[str]:
    lines = [
        *_comment("", "Optional: a quick check of whether AI suits the problem."),
        "suitability:",
    ]
    for question in framework.suitability.questions:
        lines += ["", *_comment("  ", question.prompt)]
        lines += _choices("  ", [(answer.value, answer.label) for answer in question.answers])
        lines.append(f"  {question.id}:")
    return lines


def _benefits(framework: Framework) -> list[str]:
    lines = [
        *_comment("", "Optional: the expected benefit, to weigh against the risks."),
        "benefits:",
    ]
    for field in framework.benefits:
        lines += _comment("  ", f"{field.label}: {BENEFIT_KINDS[field.type]}.")
        lines.append(f"  {field.id}:")
    return lines


def scalar(value: str | bool | int) -> str:
    """A value as it must be written in YAML: `"yes"` quoted, lest it be read as true."""
    plain = yaml.safe_dump(value).removesuffix("...\n").strip()
    # A JSON string is a YAML double-quoted one, the quotes the example proposals use.
    return json.dumps(value) if plain.startswith("'") else plain


def _comment(indent: str, text: str) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=f"{indent}# ",
        subsequent_indent=f"{indent}# ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def _bullet(text: str) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent="  #   - ",
        subsequent_indent="  #     ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def _choices(indent: str, options: Sequence[tuple[str | bool, str]]) -> list[str]:
    """One allowed value a line, its label beside it, values in a column."""
    shown = [(scalar(value), label) for value, label in options]
    width = max(len(value) for value, _ in shown)
    lines = []
    for value, label in shown:
        lines += textwrap.wrap(
            label,
            WIDTH,
            initial_indent=f"{indent}#   {value.ljust(width)}  ",
            subsequent_indent=f"{indent}#   {' ' * width}  ",
            break_long_words=False,
            break_on_hyphens=False,
        )
    return lines
