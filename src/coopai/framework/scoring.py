"""The scoring engine: a proposal and a framework in, an explained result out.

Pure and deterministic: the same proposal and framework content always give the same
result. The rules it applies, in order:

1. Impact: each fact question that applies adds its answer's points.
2. Mitigation: each question's points fall by up to `max_reduction_share`, in
   proportion to how many of the mitigations for its risks are in place. The credit
   is rounded down, so it never overstates what the mitigations do.
3. Tier: the highest tier whose threshold the score reaches; then gates and red lines
   can raise it (never lower it).
4. Recommendation: a red line's recommendation wins; otherwise the tier's, depending on
   whether every requirement that applies is met.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction

from coopai.framework import conditions, content_schema
from coopai.framework import result as out
from coopai.framework.loaded import Framework
from coopai.framework.proposal import Proposal

RECOMMENDATION_ORDER = {name: rank for rank, name in enumerate(content_schema.RECOMMENDATIONS)}


def assess(proposal: Proposal, framework: Framework) -> out.AssessmentResult:
    """Score a proposal under a framework."""
    facts = framework.applicable_facts(proposal.condition_facts())
    mitigations = set(proposal.mitigations)
    impact = _impact(proposal, framework, facts)
    credit = _mitigation(impact, framework, mitigations)
    score = impact.raw - credit.credit
    tier_on_points = points_tier(framework, score)
    gates = [
        _gate(f) for f in framework.scoring.floors if conditions.holds(f.when, facts, mitigations)
    ]
    red_lines = [
        _red_line(r) for r in framework.red_lines if conditions.holds(r.when, facts, mitigations)
    ]
    tier = max(
        [tier_on_points] + [g.minimum_tier for g in gates] + [r.minimum_tier for r in red_lines]
    )
    requirements = _requirements(framework, tier, facts, mitigations, proposal.enablers)
    recommendation, reason = _recommend(framework, tier, requirements, red_lines)
    unanswered = [line.question for line in impact.lines if line.applies and line.answer is None]
    result = out.AssessmentResult(
        schema_version=out.SCHEMA_VERSION,
        framework_version=framework.version,
        framework_local_version=framework.local_version,
        framework_digest=framework.digest,
        proposal=_summary(proposal),
        complete=not unanswered,
        unanswered=unanswered,
        tier=tier,
        tier_label=framework.tier_by_number[tier].label,
        tier_description=framework.tier_by_number[tier].description,
        score=score,
        thresholds=_thresholds(framework),
        impact=impact,
        mitigation=credit,
        gates=gates,
        red_lines=red_lines,
        recommendation=recommendation,
        recommendation_reason=reason,
        requirements=requirements,
        risks=_risks(framework, impact, facts, mitigations),
        principles=_principles(framework, proposal, facts, mitigations),
        readiness=_readiness(framework, proposal.enablers),
        suitability=_suitability(framework, proposal.suitability),
        benefits=_benefits(framework, proposal),
        explanation=[],
    )
    return replace(result, explanation=explain(result, tier_on_points))


def points_tier(framework: Framework, score: int) -> int:
    """The highest tier whose threshold the score reaches."""
    return max(t.tier for t in framework.scoring.tiers if score >= t.from_points)


def _summary(proposal: Proposal) -> out.ProposalSummary:
    return out.ProposalSummary(
        title=proposal.title,
        council=proposal.council,
        service_area=proposal.service_area,
        category=proposal.category,
        technique=proposal.technique,
    )


def _thresholds(framework: Framework) -> list[out.Threshold]:
    return [
        out.Threshold(tier=t.tier, label=t.label, from_points=t.from_points)
        for t in framework.scoring.tiers
    ]


def _benefits(framework: Framework, proposal: Proposal) -> list[out.Benefit]:
    return [
        out.Benefit(id=f.id, label=f.label, type=f.type, value=proposal.benefits[f.id])
        for f in framework.benefits
        if f.id in proposal.benefits
    ]


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
            )
        )
    raw = sum(line.points for line in lines)
    maximum = sum(line.maximum for line in lines)
    return out.Impact(raw=raw, maximum=maximum, percent=_percent(raw, maximum), lines=lines)


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
    impact: out.Impact, framework: Framework, mitigations: set[str]
) -> out.MitigationCredit:
    share = Fraction(str(framework.scoring.max_reduction_share))
    lines = []
    total = Fraction(0)
    ceiling = Fraction(0)
    for line in impact.lines:
        possible = framework.mitigations_for(line.risks)
        if not line.points or not possible:
            continue
        in_place = [m for m in possible if m in mitigations]
        coverage = Fraction(len(in_place), len(possible))
        reduction = line.points * share * coverage
        total += reduction
        ceiling += line.points * share
        lines.append(
            out.MitigationLine(
                question=line.question,
                points=line.points,
                in_place=in_place,
                possible=possible,
                coverage=round(float(coverage), 4),
                reduction=round(float(reduction), 4),
            )
        )
    credit, maximum = math.floor(total), math.floor(ceiling)
    return out.MitigationCredit(
        credit=credit,
        maximum=maximum,
        percent=_percent(credit, maximum),
        max_reduction_share=float(share),
        lines=lines,
    )


def _gate(floor: content_schema.Floor) -> out.GateRaised:
    return out.GateRaised(
        id=floor.id, name=floor.name, minimum_tier=floor.minimum_tier, reason=floor.reason
    )


def _red_line(line: content_schema.RedLine) -> out.RedLineRaised:
    return out.RedLineRaised(
        id=line.id,
        name=line.name,
        minimum_tier=line.minimum_tier,
        recommendation=line.recommendation,
        explanation=line.explanation,
        how_to_resolve=line.how_to_resolve,
        sources=list(line.sources),
    )


def _requirements(
    framework: Framework,
    tier: int,
    facts: Mapping[str, conditions.FactValue],
    mitigations: set[str],
    enablers: Mapping[str, int],
) -> list[out.RequirementStatus]:
    statuses = []
    for requirement in framework.requirements:
        by_tier = tier >= requirement.from_tier and (
            requirement.applies_when is None
            or conditions.holds(requirement.applies_when, facts, mitigations)
        )
        always = requirement.always_when is not None and conditions.holds(
            requirement.always_when, facts, mitigations
        )
        if not (by_tier or always):
            continue
        met_by = requirement.met_by
        needs = list(met_by.mitigations) + [
            f"{enabler} rated {level} or more" for enabler, level in met_by.enablers.items()
        ]
        missing = [m for m in met_by.mitigations if m not in mitigations] + [
            f"{enabler} rated {level} or more"
            for enabler, level in met_by.enablers.items()
            if enablers.get(enabler, 0) < level
        ]
        status: out.RequirementState
        if met_by.decision:
            status, needs = (
                "at_decision",
                [f"a recorded {met_by.decision.replace('_', ' ')} decision"],
            )
        else:
            status = "outstanding" if missing else "met"
        statuses.append(
            out.RequirementStatus(
                id=requirement.id,
                name=requirement.name,
                description=requirement.description,
                from_tier=requirement.from_tier,
                status=status,
                needs=needs,
                missing=missing,
                sources=list(requirement.sources),
            )
        )
    return statuses


def _recommend(
    framework: Framework,
    tier: int,
    requirements: list[out.RequirementStatus],
    red_lines: list[out.RedLineRaised],
) -> tuple[content_schema.Recommendation, str]:
    if red_lines:
        worst = max(red_lines, key=lambda line: RECOMMENDATION_ORDER[line.recommendation])
        names = ", ".join(line.name.lower() for line in red_lines)
        return worst.recommendation, f"Red line raised ({names}); no score can override it."
    tier_info = framework.tier_by_number[tier]
    outstanding = [r.name.lower() for r in requirements if r.status == "outstanding"]
    decisions = [r.name.lower() for r in requirements if r.status == "at_decision"]
    still = f" Still to come: {', '.join(decisions)}." if decisions else ""
    if outstanding:
        return (
            tier_info.when_requirements_outstanding,
            f"Tier {tier} with requirements outstanding: {', '.join(outstanding)}.{still}",
        )
    return (
        tier_info.when_requirements_met,
        f"Tier {tier} with every requirement that applies met.{still}",
    )


def _risks(
    framework: Framework,
    impact: out.Impact,
    facts: Mapping[str, conditions.FactValue],
    mitigations: set[str],
) -> list[out.RiskStatus]:
    points: dict[str, int] = {}
    for line in impact.lines:
        for risk_id in line.risks:
            points[risk_id] = points.get(risk_id, 0) + line.points
    statuses = []
    for risk in framework.risks:
        raised = points.get(risk.id, 0) > 0 or (
            risk.raised_when is not None and conditions.holds(risk.raised_when, facts, mitigations)
        )
        if raised:
            possible = framework.mitigations_for([risk.id])
            statuses.append(
                out.RiskStatus(
                    id=risk.id,
                    name=risk.name,
                    points=points.get(risk.id, 0),
                    in_place=[m for m in possible if m in mitigations],
                    missing=[m for m in possible if m not in mitigations],
                )
            )
    return statuses


def _principles(
    framework: Framework,
    proposal: Proposal,
    facts: Mapping[str, conditions.FactValue],
    mitigations: set[str],
) -> list[out.PrincipleScore]:
    scores = []
    for principle in framework.principles:
        given = proposal.principles.get(principle.id)
        reasons: list[str] = []
        score = None
        if given is not None:
            score = given.rating
            rule = principle.scoring
            if score >= rule.evidence_needed_from and not given.evidence:
                score = rule.evidence_needed_from - 1
                reasons.append(
                    f"A rating of {rule.evidence_needed_from} or more needs evidence; "
                    f"none was given, so it counts as {score}."
                )
            for cap in rule.caps:
                if score > cap.max and conditions.holds(cap.when, facts, mitigations):
                    score = cap.max
                    reasons.append(f"Counts as at most {cap.max}: {cap.reason}")
        scores.append(
            out.PrincipleScore(
                id=principle.id,
                name=principle.name,
                ccin_principle=principle.ccin_principle,
                rating=given.rating if given else None,
                score=score,
                evidence=given.evidence if given else "",
                reasons=reasons,
            )
        )
    return scores


def _readiness(framework: Framework, enablers: Mapping[str, int]) -> out.Readiness:
    rows = []
    for enabler in framework.enablers:
        level = enablers.get(enabler.id)
        info = enabler.levels[level] if level is not None else None
        rows.append(
            out.EnablerReadiness(
                id=enabler.id,
                name=enabler.name,
                level=level,
                label=info.label if info else None,
                descriptor=info.descriptor if info else None,
            )
        )
    rated = [row.level for row in rows if row.level is not None]
    return out.Readiness(
        enablers=rows,
        lowest_level=min(rated) if rated else None,
        not_rated=[row.id for row in rows if row.level is None],
    )


def _suitability(framework: Framework, answers: Mapping[str, str]) -> out.SuitabilityVerdict | None:
    if not answers:
        return None
    triage = framework.suitability
    concern = 0
    blocked = False
    reasons = []
    for question in triage.questions:
        if question.id not in answers:
            continue
        answer = next(a for a in question.answers if a.value == answers[question.id])
        concern += answer.concern
        blocked = blocked or answer.blocking
        if answer.concern and answer.reason:
            reasons.append(answer.reason)
    verdict = (
        triage.verdicts[-1]
        if blocked
        else next(
            v for v in triage.verdicts if v.up_to_concern is None or concern <= v.up_to_concern
        )
    )
    return out.SuitabilityVerdict(
        verdict=verdict.id,
        label=verdict.label,
        advice=verdict.advice,
        concern=concern,
        answered=len(answers),
        of=len(triage.questions),
        reasons=reasons,
    )


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def explain(result: out.AssessmentResult, points_tier: int) -> list[str]:
    """The arithmetic, line by line, in words a councillor can follow."""
    lines = []
    for line in result.impact.lines:
        if not line.applies:
            lines.append(f"  0  {line.question}: does not apply")
        elif line.answer is None:
            lines.append(f"  0  {line.question}: not yet answered")
        else:
            lines.append(f"{line.points:+3d}  {line.question} = {_answer(line.answer)}")
    impact = result.impact
    lines.append(f"Impact: {impact.raw} of {impact.maximum} points that apply ({impact.percent}%).")
    mitigation = result.mitigation
    for row in mitigation.lines:
        if row.in_place:
            lines.append(
                f"{-row.reduction:+5.1f}  {row.question}: {len(row.in_place)} of "
                f"{len(row.possible)} mitigations in place ({', '.join(row.in_place)})"
            )
    lines.append(
        f"Mitigation credit: {mitigation.credit} of a possible {mitigation.maximum} (rounded down)."
    )
    thresholds = ", ".join(f"tier {t.tier} from {t.from_points}" for t in result.thresholds[1:])
    lines.append(
        f"Score: {impact.raw} - {mitigation.credit} = {result.score} points, "
        f"which is tier {points_tier} ({thresholds})."
    )
    for gate in result.gates:
        lines.append(f"Gate '{gate.name}': at least tier {gate.minimum_tier}. {gate.reason}")
    for red_line in result.red_lines:
        lines.append(
            f"Red line '{red_line.name}': at least tier {red_line.minimum_tier}, "
            f"{red_line.recommendation}."
        )
    lines.append(
        f"Tier {result.tier} ({result.tier_label}). Recommendation: "
        f"{result.recommendation}. {result.recommendation_reason}"
    )
    return lines


def _answer(value: str | bool | int) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:,}" if isinstance(value, int) else value
