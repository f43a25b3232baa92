"""Checks on framework content as a whole: ids unique, references real, conditions sound.

The loader checks each file against its schema (content_schema.py) as it reads it; these checks
need every file at once, so they run on the loaded Framework, core and local together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from coopai.framework import content_schema
from coopai.framework.conditions import facts_named, leaves, mitigations_named
from coopai.framework.errors import ContentError, Problem
from coopai.framework.loaded import DESCRIPTIVE_FACTS, Framework
from coopai.framework.yamlio import YamlError, line_of, read_yaml

FactValues = list[str | bool] | None


@dataclass(frozen=True)
class Finding:
    """What is wrong with one field, before it is placed in a file."""

    message: str
    allowed: Sequence[str] = ()


def check_references(framework: Framework, *, item_lists: Iterable[str]) -> None:
    """Every id unique; every reference names something that exists; conditions fit the order.

    `item_lists` names the framework's lists of items with ids (the loader's file list).
    """
    where = _Locator(framework)
    problems = [
        where.problem(key, item_id, field_name, finding)
        for key, item_id, field_name, finding in _findings(framework, item_lists)
    ]
    if problems:
        raise ContentError(problems)


def _findings(
    framework: Framework, item_lists: Iterable[str]
) -> Iterator[tuple[str, str, str, Finding]]:
    for key in item_lists:
        for item_id, count in Counter(item.id for item in getattr(framework, key)).items():
            if count > 1:
                message = f"the id {item_id!r} is used {count} times; ids must be unique."
                yield key, item_id, "id", Finding(message)
    for key, item_id, field_name, kind, named, known in _references(framework):
        for finding in _unknown_names(kind, named, sorted(known)):
            yield key, item_id, field_name, finding
    for risk in framework.risks:
        if not framework.mitigations_for([risk.id]):
            yield "risks", risk.id, "id", Finding("no mitigation addresses this risk.")
    for key, item_id, field_name, condition in _conditions(framework):
        for finding in condition_findings(framework, condition):
            yield key, item_id, field_name, finding
    for contradiction in framework.contradictions:
        for finding in condition_findings(framework, contradiction.when, monotonic=False):
            yield "contradictions", contradiction.id, "when", finding


def _references(
    framework: Framework,
) -> Iterable[tuple[str, str, str, str, Iterable[str], set[str]]]:
    """(section, item, field, kind, ids it names, ids that exist) for every cross-reference."""
    risks = {risk.id for risk in framework.risks}
    sections = {section.id for section in framework.sections}
    mitigations = set(framework.mitigation_by_id)
    enablers = set(framework.enabler_by_id)
    for mitigation in framework.mitigations:
        yield "mitigations", mitigation.id, "addresses", "risk", mitigation.addresses, risks
    for question in framework.questions:
        yield "questions", question.id, "section", "section", [question.section], sections
        yield "questions", question.id, "risks", "risk", question.risks, risks
    for req in framework.requirements:
        yield "requirements", req.id, "met_by", "enabler", req.met_by.enablers, enablers
        yield "requirements", req.id, "met_by", "mitigation", req.met_by.mitigations, mitigations
    for technique in framework.techniques:
        for index, wrong in enumerate(
            technique.explainer.goes_wrong if technique.explainer else []
        ):
            field_name = f"explainer.goes_wrong[{index}].risks"
            yield "techniques", technique.id, field_name, "risk", wrong.risks, risks
    for item in framework.contradictions:
        named = [item.mitigation] if item.mitigation else []
        yield "contradictions", item.id, "mitigation", "mitigation", named, mitigations


def _conditions(framework: Framework) -> Iterable[tuple[str, str, str, content_schema.Condition]]:
    for question in framework.questions:
        if question.applies_when:
            yield "questions", question.id, "applies_when", question.applies_when
    for risk in framework.risks:
        if risk.raised_when:
            yield "risks", risk.id, "raised_when", risk.raised_when
    for requirement in framework.requirements:
        if requirement.applies_when:
            yield "requirements", requirement.id, "applies_when", requirement.applies_when
        if requirement.always_when:
            yield "requirements", requirement.id, "always_when", requirement.always_when
    for red_line in framework.red_lines:
        yield "red_lines", red_line.id, "when", red_line.when
    for floor in framework.scoring.floors:
        yield "floors", floor.id, "when", floor.when
    for principle in framework.principles:
        for index, cap in enumerate(principle.scoring.caps):
            yield "principles", principle.id, f"scoring.caps[{index}].when", cap.when


def _unknown_names(kind: str, named: Iterable[str], known: Sequence[str]) -> Iterator[Finding]:
    for name in named:
        if name not in known:
            yield Finding(f"names the {kind} {name!r}, which does not exist.", known)


def condition_findings(
    framework: Framework, condition: content_schema.Condition, *, monotonic: bool = True
) -> list[Finding]:
    """Conditions must name real facts and mitigations and, when they can change a result,
    be monotonic.

    On an ordered fact, a condition that matches an answer must match every riskier one
    too; otherwise a riskier answer could lift a red line or a gate. A contradiction changes
    no result, so it may name any answers (`monotonic=False`).
    """
    known_facts = [*framework.question_by_id, *DESCRIPTIVE_FACTS]
    mitigations = sorted(framework.mitigation_by_id)
    findings = [
        *_unknown_names("fact", facts_named(condition), known_facts),
        *_unknown_names("mitigation", mitigations_named(condition), mitigations),
    ]
    for leaf in leaves(condition):
        if leaf.fact is not None and leaf.fact in known_facts:
            values = framework.fact_values(leaf.fact)
            if leaf.at_least is not None:
                findings += _at_least_findings(leaf.fact, leaf, values)
            else:
                findings += _in_findings(leaf.fact, leaf, values, monotonic=monotonic)
    return findings


def _at_least_findings(fact: str, _: content_schema.Condition, values: FactValues) -> list[Finding]:
    if values is None:
        return []
    return [Finding(f"uses at_least on {fact}, which is not a number.")]


def _in_findings(
    fact: str, leaf: content_schema.Condition, values: FactValues, *, monotonic: bool = True
) -> list[Finding]:
    if values is None:
        return [Finding(f"uses in on {fact}, which is a number; use at_least.")]
    assert leaf.in_ is not None  # the schema gives a fact either at_least or in
    unknown = [v for v in leaf.in_ if v not in values or type(v) is not type(values[0])]
    if unknown:
        allowed = [str(v).lower() if isinstance(v, bool) else str(v) for v in values]
        return [Finding(f"{fact} has no answer {unknown[0]!r}.", allowed)]
    if fact in DESCRIPTIVE_FACTS or not monotonic:
        return []
    return _riskier_answers_findings(fact, leaf.in_, values)


def _riskier_answers_findings(
    fact: str, chosen: list[str | bool], values: list[str | bool]
) -> list[Finding]:
    lowest = min(values.index(v) for v in chosen)
    if set(chosen) == set(values[lowest:]):
        return []
    message = (
        f"matches {fact} = {chosen[0]!r} but not every riskier answer. A condition on an "
        "answer must also hold for the riskier ones, so a riskier answer can never lower "
        "the result."
    )
    return [Finding(message, [str(v) for v in values[lowest:]])]


class _Locator:
    """Turns an item id into the file and line where a person would fix it."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework

    def problem(self, key: str, item_id: str, field_name: str, finding: Finding) -> Problem:
        file_name = "scoring.yaml" if key == "floors" else f"{key}.yaml"
        allowed = tuple(finding.allowed)
        for folder in reversed(self.framework.folders):
            path = folder / file_name
            if not path.exists():
                continue
            try:
                data, node = read_yaml(path)
            except YamlError:
                continue
            items = data.get(key, []) if isinstance(data, dict) else []
            for index, item in enumerate(items):
                if isinstance(item, dict) and item.get("id") == item_id:
                    first = field_name.split(".")[0].split("[")[0]
                    line = line_of(node, (key, index, first))
                    shown = f"{key}[{index}] ({item_id}).{field_name}"
                    return Problem(str(path), shown, finding.message, line, allowed)
        shown = f"{key} ({item_id}).{field_name}"
        return Problem(file_name, shown, finding.message, None, allowed)
