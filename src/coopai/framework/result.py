"""The assessment result. Its JSON form is stable: docs/assessment-json.md describes it and
`schemas/assessment-result.schema.json` (generated from these models) validates it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from coopai.framework.schema import Recommendation, Source

SCHEMA_VERSION = "1"


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProposalSummary(Out):
    title: str
    council: str | None
    service_area: str | None
    category: str
    technique: str


class ImpactLine(Out):
    """One fact question's contribution to the impact score."""

    question: str
    prompt: str
    answer: str | bool | int | None
    answer_label: str
    applies: bool
    points: int
    maximum: int
    risks: list[str]


class Impact(Out):
    raw: int
    maximum: int
    percent: float
    lines: list[ImpactLine]


class MitigationLine(Out):
    """How much of one question's points the mitigations in place take off."""

    question: str
    points: int
    in_place: list[str]
    possible: list[str]
    coverage: float
    reduction: float


class MitigationCredit(Out):
    credit: int
    maximum: int
    percent: float
    max_reduction_share: float
    lines: list[MitigationLine]


class Threshold(Out):
    tier: int
    label: str
    from_points: int


class GateRaised(Out):
    id: str
    name: str
    minimum_tier: int
    reason: str


class RedLineRaised(Out):
    id: str
    name: str
    minimum_tier: int
    recommendation: Recommendation
    explanation: str
    how_to_resolve: str
    sources: list[Source]


class RequirementStatus(Out):
    id: str
    name: str
    description: str
    from_tier: int
    status: Literal["met", "outstanding", "at_decision"]
    needs: list[str]
    missing: list[str]
    sources: list[Source]


class RiskStatus(Out):
    id: str
    name: str
    points: int
    in_place: list[str]
    missing: list[str]


class PrincipleScore(Out):
    id: str
    name: str
    ccin_principle: str
    rating: int | None
    score: int | None
    evidence: str
    reasons: list[str]


class EnablerReadiness(Out):
    id: str
    name: str
    level: int | None
    label: str | None
    descriptor: str | None


class Readiness(Out):
    enablers: list[EnablerReadiness]
    lowest_level: int | None
    not_rated: list[str]


class SuitabilityVerdict(Out):
    verdict: str
    label: str
    advice: str
    concern: int
    answered: int
    of: int
    reasons: list[str]


class Benefit(Out):
    id: str
    label: str
    type: str
    value: int | float | str


class AssessmentResult(Out):
    schema_version: Literal["1"]
    framework_version: str
    framework_local_version: str | None
    framework_digest: str
    proposal: ProposalSummary
    complete: bool
    unanswered: list[str]
    tier: int
    tier_label: str
    tier_description: str
    score: int
    thresholds: list[Threshold]
    impact: Impact
    mitigation: MitigationCredit
    gates: list[GateRaised]
    red_lines: list[RedLineRaised]
    recommendation: Recommendation
    recommendation_reason: str
    requirements: list[RequirementStatus]
    risks: list[RiskStatus]
    principles: list[PrincipleScore]
    readiness: Readiness
    suitability: SuitabilityVerdict | None
    benefits: list[Benefit]
    explanation: list[str]
