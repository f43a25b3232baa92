"""How a proposal's answers become points and a tier: the arithmetic, and nothing else.

`standing` is what both the full assessment (scoring.py) and the search for changes that
would lower the tier (options.py) need: the impact, the mitigation credit, the gates and
red lines that hold, and the tier they give. It is cheap enough to run once for every
change a council could make.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from coopai.framework import conditions, content_schema
from coopai.framework import result as out
from coopai.framework.loaded import Framework
from coopai.framework.proposal import Proposal


@dataclass(frozen=True)
class Standing:
    """Where a proposal stands: its points, the gates and red lines that hold, its tier."""

    facts: Mapping[str, conditions.FactValue]
    mitigations: frozenset[str]
    impact: out.Impact
    credit: out.MitigationCredit
    score: int
    tier_on_points: int
    gates: tuple[content_schema.Floor, ...]
    red_lines: tuple[content_schema.RedLine, ...]
    tier: int


def standing(proposal: Proposal, framework: Framework) -> Standing:
    """Score the answers and mitigations; gates and red lines can only raise the tier."""
    facts = framework.applicable_facts(proposal.condition_facts())
    mitigations = frozenset(proposal.mitigations)
    impact = _impact(proposal, framework, facts)
    credit = _mitigation(impact, framework, mitigations)
    score = impact.raw - credit.credit
    gates, red_lines, tier = _raised(framework, facts, mitigations, score)
    return Standing(
        facts=facts,
        mitigations=mitigations,
        impact=impact,
        credit=credit,
        score=score,
        tier_on_points=points_tier(framework, score),
        gates=gates,
        red_lines=red_lines,
        tier=tier,
    )


@dataclass(frozen=True)
class Outcome:
    """Only the tier and the ids of the gates and red lines that hold: `standing` without
    the lines that explain it, for scoring many possible changes quickly."""

    tier: int
    raised: frozenset[str]


def outcome(proposal: Proposal, framework: Framework) -> Outcome:
    """The same tier as `standing` gives, by the same rules, without building the lines."""
    facts = framework.applicable_facts(proposal.condition_facts())
    mitigations = frozenset(proposal.mitigations)
    raw = 0
    reduction = Fraction(0)
    for question in framework.questions:
        if question.id in facts:
            points = _points(question, facts[question.id])[0]
            raw += points
            reduction += _reduction(framework, question.id, points, mitigations)[1]
    score = raw - math.floor(reduction)
    gates, red_lines, tier = _raised(framework, facts, mitigations, score)
    raised = frozenset([gate.id for gate in gates] + [line.id for line in red_lines])
    return Outcome(tier=tier, raised=raised)


def _raised(
    framework: Framework,
    facts: Mapping[str, conditions.FactValue],
    mitigations: frozenset[str],
    score: int,
) -> tuple[tuple[content_schema.Floor, ...], tuple[content_schema.RedLine, ...], int]:
    """The gates and red lines that hold, and the tier: the highest they and the score give."""
    gates = tuple(
        f for f in framework.scoring.floors if conditions.holds(f.when, facts, mitigations)
    )
    red_lines = tuple(
        r for r in framework.red_lines if conditions.holds(r.when, facts, mitigations)
    )
    floors = [g.minimum_tier for g in gates] + [r.minimum_tier for r in red_lines]
    return gates, red_lines, max([points_tier(framework, score), *floors])


def points_tier(framework: Framework, score: int) -> int:
    """The highest tier whose threshold the score reaches."""
    return max(t.tier for t in framework.scoring.tiers if score >= t.from_points)


def _impact(
    proposal: Proposal, framework: Framework, facts: Mapping[str, conditions.FactValue]
) -> out.Impact:
    lines = []
    for question in framework.questions:
        applies = framework.applies(question, facts)
        answer = facts.get(question.id) if applies else proposal.facts.get(question.id)
        points, label = _points(question, answer) if applies else (0, "does not apply")
        lines.append(
            out.ImpactLine(
                question=question.id,
                prompt=question.prompt,
                answer=answer,
                answer_label=label,
                applies=applies,
                points=points,
                maximum=question.maximum if applies else 0,
                risks=list(question.risks),
                not_known=False,
            )
        )
    raw = sum(line.points for line in lines)
    maximum = sum(line.maximum for line in lines)
    return out.Impact(raw=raw, maximum=maximum, percent=percent(raw, maximum), lines=lines)


def _points(
    question: content_schema.Question, answer: conditions.FactValue | None
) -> tuple[int, str]:
    if answer is None:
        return 0, "not yet answered"
    if question.type == "integer":
        assert isinstance(answer, int)
        band = [b for b in question.bands if answer >= b.from_][-1]
        return band.points, band.label
    chosen = next(
        a for a in question.answers if a.value == answer and type(a.value) is type(answer)
    )
    return chosen.points, chosen.label


def _mitigation(
    impact: out.Impact, framework: Framework, mitigations: frozenset[str]
) -> out.MitigationCredit:
    share = framework.reduction_share
    lines = []
    total = Fraction(0)
    ceiling = 0
    for line in impact.lines:
        possible = framework.question_mitigations[line.question]
        if not line.points or not possible:
            continue
        coverage, reduction = _reduction(framework, line.question, line.points, mitigations)
        total += reduction
        ceiling += line.points
        lines.append(
            out.MitigationLine(
                question=line.question,
                points=line.points,
                in_place=[m for m in possible if m in mitigations],
                possible=list(possible),
                coverage=round(float(coverage), 4),
                reduction=round(float(reduction), 4),
            )
        )
    credit, maximum = math.floor(total), math.floor(ceiling * share)
    return out.MitigationCredit(
        credit=credit,
        maximum=maximum,
        percent=percent(credit, maximum),
        max_reduction_share=float(share),
        lines=lines,
        note="",
    )


def _reduction(
    framework: Framework, question: str, points: int, mitigations: frozenset[str]
) -> tuple[Fraction, Fraction]:
    """The share of a question's mitigations in place, and the points they take off it."""
    possible = framework.question_mitigations[question]
    if not points or not possible:
        return Fraction(0), Fraction(0)
    coverage = Fraction(sum(1 for m in possible if m in mitigations), len(possible))
    return coverage, points * framework.reduction_share * coverage


def percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0
