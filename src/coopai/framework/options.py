"""What would lower the tier: the single changes a council could make, each re-scored.

A change is one fact answered less riskily or one mitigation put in place. Facts the
content marks `fixed` (set by the nature of the service, such as who it is for) are never
offered. A change is offered when, scored again, it gives a lower tier or ends a gate or a
red line; its tier is the tier that scoring gives, so re-scoring the proposal with the
change always agrees.
"""

from __future__ import annotations

from dataclasses import replace

from coopai.framework import content_schema
from coopai.framework import result as out
from coopai.framework.conditions import FactValue, mitigations_named
from coopai.framework.loaded import Framework
from coopai.framework.points import Outcome, Standing, outcome
from coopai.framework.proposal import Proposal


def lower_tier_options(
    proposal: Proposal, framework: Framework, at: Standing
) -> list[out.LowerTierOption]:
    """Every single change that lowers the tier or clears a gate or red line, lowest tier first."""
    options: list[out.LowerTierOption] = []
    for question in framework.questions:
        if question.fixed is None and question.id in at.facts:
            options += _fact_options(proposal, framework, at, question)
    matters = _could_matter(framework, at)
    for mitigation in framework.mitigations:
        if mitigation.id in at.mitigations or mitigation.id not in matters:
            continue
        added = (*proposal.mitigations, mitigation.id)
        after = outcome(replace(proposal, mitigations=added, mitigations_stated=True), framework)
        words = f"Putting “{mitigation.name}” in place"
        option = _option(framework, at, after, {"mitigations_added": [mitigation.id]}, words)
        if option is not None:
            options.append(option)
    return sorted(options, key=lambda option: option.tier)


def _fact_options(
    proposal: Proposal, framework: Framework, at: Standing, question: content_schema.Question
) -> list[out.LowerTierOption]:
    """The nearest less risky answer that helps, and the one that helps most if that differs."""
    found: list[out.LowerTierOption] = []
    for value, label in _less_risky(question, at.facts[question.id]):
        facts = {**proposal.facts, question.id: value}
        not_known = tuple(key for key in proposal.not_known if key != question.id)
        after = outcome(replace(proposal, facts=facts, not_known=not_known), framework)
        words = f"Answering “{question.prompt}” with “{label}”"
        option = _option(framework, at, after, {"facts": {question.id: value}}, words)
        if option is not None and (not found or option.tier < min(o.tier for o in found)):
            found.append(option)
    return found[:1] + sorted(found[1:], key=lambda option: option.tier)[:1]


def _less_risky(
    question: content_schema.Question, answer: FactValue
) -> list[tuple[FactValue, str]]:
    """The answers less risky than this one, nearest first, with their labels."""
    if question.type == "integer":
        assert isinstance(answer, int)  # the proposal checks an integer question's answer
        below = [band for band in question.bands if band.from_ <= answer][:-1]
        tops = [nxt.from_ - 1 for nxt in question.bands[1 : len(below) + 1]]
        return [(top, band.label) for top, band in reversed(list(zip(tops, below, strict=True)))]
    here = next(i for i, a in enumerate(question.answers) if a.value == answer)
    return [(a.value, a.label) for a in reversed(question.answers[:here])]


def _option(
    framework: Framework,
    at: Standing,
    after: Outcome,
    change: dict[str, out.FactChange | list[str]],
    words: str,
) -> out.LowerTierOption | None:
    cleared = [gate.name for gate in at.gates if gate.id not in after.raised]
    cleared += [line.name for line in at.red_lines if line.id not in after.raised]
    if after.tier >= at.tier and not cleared:
        return None
    label = framework.tier_by_number[after.tier].label
    if after.tier < at.tier:
        result = f"would give tier {after.tier} ({label})"
    else:
        result = f"would leave the tier at {after.tier} ({label})"
    ends = ""
    if cleared:
        quoted = ", ".join(f"“{name}”" for name in cleared)
        ends = f"{' and' if after.tier < at.tier else ', but'} would end {quoted}"
    return out.LowerTierOption(
        change=change,
        tier=after.tier,
        tier_label=label,
        clears=cleared,
        explanation=f"{words} {result}{ends}.",
    )


def _could_matter(framework: Framework, at: Standing) -> set[str]:
    """The mitigations that could change the result: those that reduce a question's points,
    and those a gate or red line names. Adding any other cannot change the tier."""
    named = {
        m
        for line in at.impact.lines
        if line.points
        for m in framework.question_mitigations[line.question]
    }
    for condition in [f.when for f in framework.scoring.floors] + [
        r.when for r in framework.red_lines
    ]:
        named.update(mitigations_named(condition))
    return named
