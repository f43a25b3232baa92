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

from collections.abc import Mapping
from dataclasses import replace

from coopai.framework import conditions, content_schema, reasons
from coopai.framework import result as out
from coopai.framework.loaded import Framework
from coopai.framework.options import lower_tier_options
from coopai.framework.points import Standing, standing
from coopai.framework.proposal import Proposal

RECOMMENDATION_ORDER = {name: rank for rank, name in enumerate(content_schema.RECOMMENDATIONS)}


def assess(proposal: Proposal, framework: Framework) -> out.AssessmentResult:
    """Score a proposal under a framework."""
    at = standing(proposal, framework)
    gates = [_gate(floor) for floor in at.gates]
    red_lines = [_red_line(line) for line in at.red_lines]
    requirements = _requirements(framework, at, proposal.enablers)
    recommendation, reason = _recommend(framework, at.tier, requirements, red_lines)
    impact = _mark_not_known(at.impact, proposal.not_known)
    unanswered = [line.question for line in impact.lines if line.applies and line.answer is None]
    result = out.AssessmentResult(
        schema_version=out.SCHEMA_VERSION,
        framework_version=framework.version,
        framework_local_version=framework.local_version,
        framework_digest=framework.digest,
        proposal=_summary(proposal, framework),
        complete=not unanswered,
        unanswered=unanswered,
        tier=at.tier,
        tier_label=framework.tier_by_number[at.tier].label,
        tier_description=framework.tier_by_number[at.tier].description,
        score=at.score,
        thresholds=_thresholds(framework),
        impact=impact,
        mitigation=replace(at.credit, note=reasons.mitigation_note(framework, at)),
        gates=gates,
        red_lines=red_lines,
        recommendation=recommendation,
        recommendation_reason=reason,
        next_steps=reasons.next_steps(red_lines, requirements),
        drivers=reasons.drivers(framework, at, proposal.not_known),
        not_known=reasons.not_known_answers(framework, proposal, at),
        contradictions=reasons.contradictions(framework, at),
        lower_tier_options=lower_tier_options(proposal, framework, at),
        requirements=requirements,
        risks=_risks(framework, impact, at.facts, at.mitigations),
        principles=_principles(framework, proposal, at.facts, at.mitigations),
        readiness=_readiness(framework, proposal.enablers),
        suitability=_suitability(framework, proposal.suitability),
        benefits=_benefits(framework, proposal),
        explanation=[],
    )
    return replace(result, explanation=explain(framework, result, at.tier_on_points))


def _mark_not_known(impact: out.Impact, not_known: tuple[str, ...]) -> out.Impact:
    if not not_known:
        return impact
    lines = [replace(line, not_known=line.question in not_known) for line in impact.lines]
    return replace(impact, lines=lines)


def _summary(proposal: Proposal, framework: Framework) -> out.ProposalSummary:
    categories = {category.id: category.name for category in framework.categories}
    techniques = {technique.id: technique.name for technique in framework.techniques}
    return out.ProposalSummary(
        title=proposal.title,
        council=proposal.council,
        service_area=proposal.service_area,
        category=proposal.category,
        technique=proposal.technique,
        category_name=categories.get(proposal.category, ""),
        technique_name=techniques.get(proposal.technique, ""),
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
    framework: Framework, at: Standing, enablers: Mapping[str, int]
) -> list[out.RequirementStatus]:
    statuses = []
    for requirement in framework.requirements:
        by_tier = at.tier >= requirement.from_tier and (
            requirement.applies_when is None
            or conditions.holds(requirement.applies_when, at.facts, at.mitigations)
        )
        always = requirement.always_when is not None and conditions.holds(
            requirement.always_when, at.facts, at.mitigations
        )
        if not (by_tier or always):
            continue
        met_by = requirement.met_by
        needs = list(met_by.mitigations) + [
            f"{enabler} rated {level} or more" for enabler, level in met_by.enablers.items()
        ]
        missing, missing_names = reasons.requirement_gaps(framework, met_by, at, dict(enablers))
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
                missing_names=missing_names,
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
    """The recommendation, and why, as sentences that start with it."""
    if red_lines:
        worst = max(red_lines, key=lambda line: RECOMMENDATION_ORDER[line.recommendation])
        names = " and ".join(f"“{line.name}”" for line in red_lines)
        lines = "a red line" if len(red_lines) == 1 else "red lines"
        words = out.RECOMMENDATION_WORDS[worst.recommendation]
        return (
            worst.recommendation,
            f"{words}. {names} {_is(red_lines)} {lines}: no score can override it.",
        )
    tier_info = framework.tier_by_number[tier]
    outstanding = [r for r in requirements if r.status == "outstanding"]
    decisions = [r.name.lower() for r in requirements if r.status == "at_decision"]
    still = f" Still to come: {', '.join(decisions)}." if decisions else ""
    where = f"This is tier {tier} ({tier_info.label})"
    if outstanding:
        recommendation = tier_info.when_requirements_outstanding
        count = f"{len(outstanding)} of the {len(requirements)} requirements that apply"
        state = f"{count} {'is' if len(outstanding) == 1 else 'are'} still outstanding"
    else:
        recommendation = tier_info.when_requirements_met
        state = "every requirement that applies is met"
    words = out.RECOMMENDATION_WORDS[recommendation]
    return recommendation, f"{words}. {where}, and {state}.{still}"


def _is(items: list[out.RedLineRaised]) -> str:
    return "is" if len(items) == 1 else "are"


def _risks(
    framework: Framework,
    impact: out.Impact,
    facts: Mapping[str, conditions.FactValue],
    mitigations: frozenset[str],
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
    mitigations: frozenset[str],
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


def explain(framework: Framework, result: out.AssessmentResult, points_tier: int) -> list[str]:
    """The arithmetic, line by line, in the questions' and answers' own words."""
    lines = []
    for line in result.impact.lines:
        if not line.applies:
            lines.append(f"  0  {line.prompt} Does not apply.")
        elif line.answer is None:
            lines.append(f"  0  {line.prompt} Not yet answered.")
        else:
            known = " (not known, counted as this)" if line.not_known else ""
            lines.append(f"{line.points:+3d}  {line.prompt} {_answer(line)}{known}")
    impact = result.impact
    lines.append(f"Impact: {impact.raw} of {impact.maximum} points that apply ({impact.percent}%).")
    mitigation = result.mitigation
    names = framework.mitigation_by_id
    for row in mitigation.lines:
        if row.in_place:
            prompt = framework.question_by_id[row.question].prompt
            lines.append(
                f"{-row.reduction:+5.1f}  {prompt} {len(row.in_place)} of {len(row.possible)} "
                f"mitigations in place ({', '.join(names[m].name for m in row.in_place)})"
            )
    lines.append(
        f"Mitigation credit: {mitigation.credit} of a possible {mitigation.maximum} (rounded down)."
    )
    if mitigation.note:
        lines.append(mitigation.note)
    thresholds = ", ".join(f"tier {t.tier} from {t.from_points}" for t in result.thresholds[1:])
    lines.append(
        f"Score: {impact.raw} - {mitigation.credit} = {result.score} points, "
        f"which is tier {points_tier} ({thresholds})."
    )
    for gate in result.gates:
        lines.append(f"Gate “{gate.name}”: at least tier {gate.minimum_tier}. {gate.reason}")
    for red_line in result.red_lines:
        words = out.RECOMMENDATION_WORDS[red_line.recommendation].lower()
        lines.append(f"Red line “{red_line.name}”: at least tier {red_line.minimum_tier}; {words}.")
    lines.append(f"Tier {result.tier} ({result.tier_label}). {result.recommendation_reason}")
    return lines


def _answer(line: out.ImpactLine) -> str:
    if isinstance(line.answer, int) and not isinstance(line.answer, bool):
        return f"{line.answer:,} ({line.answer_label})"
    return line.answer_label
