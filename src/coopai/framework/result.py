"""The assessment result as typed, frozen dataclasses: the stable JSON format.

docs/cli.md describes the JSON; `assessment-result.schema.json`, generated from
these classes, validates it. They are standard-library dataclasses, as the audit's
results are (docs/adr/0010-results-as-dataclasses.md): pydantic turns them into JSON
data only at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from coopai.framework.content_schema import Recommendation, Source

# Counts breaking changes to the JSON format. 2: the number became an integer, as the
# audit's is (it was the string "1"). 3: the reasons for the tier from the proposal's own
# answers (drivers, not_known, contradictions), what must happen next, the names of
# categories, techniques and missing items, and lower_tier_options.
SCHEMA_VERSION = 3

# How each recommendation reads to a person.
RECOMMENDATION_WORDS = {
    "proceed": "Proceed",
    "proceed_with_conditions": "Proceed with conditions",
    "pilot_first": "Pilot first",
    "do_not_proceed": "Do not proceed",
}


class ResultPart:
    """Shared by every result class: pydantic reads this when it makes JSON or its schema."""

    __pydantic_config__: ClassVar[dict[str, object]] = {"extra": "forbid"}


@dataclass(frozen=True, kw_only=True)
class ProposalSummary(ResultPart):
    title: str
    council: str | None
    service_area: str | None
    category: str
    technique: str
    category_name: str
    technique_name: str


@dataclass(frozen=True, kw_only=True)
class ImpactLine(ResultPart):
    """One fact question's contribution to the impact score."""

    question: str
    prompt: str
    answer: str | bool | int | None
    answer_label: str
    applies: bool
    points: int
    maximum: int
    risks: list[str]
    not_known: bool


@dataclass(frozen=True, kw_only=True)
class Impact(ResultPart):
    raw: int
    maximum: int
    percent: float
    lines: list[ImpactLine]


@dataclass(frozen=True, kw_only=True)
class MitigationLine(ResultPart):
    """How much of one question's points the mitigations in place take off."""

    question: str
    points: int
    in_place: list[str]
    possible: list[str]
    coverage: float
    reduction: float


@dataclass(frozen=True, kw_only=True)
class MitigationCredit(ResultPart):
    credit: int
    maximum: int
    percent: float
    max_reduction_share: float
    lines: list[MitigationLine]
    # Why the credit is nothing although mitigations are in place; empty otherwise.
    note: str


@dataclass(frozen=True, kw_only=True)
class Threshold(ResultPart):
    tier: int
    label: str
    from_points: int


@dataclass(frozen=True, kw_only=True)
class GateRaised(ResultPart):
    id: str
    name: str
    minimum_tier: int
    reason: str


@dataclass(frozen=True, kw_only=True)
class RedLineRaised(ResultPart):
    id: str
    name: str
    minimum_tier: int
    recommendation: Recommendation
    explanation: str
    how_to_resolve: str
    sources: list[Source]


RequirementState = Literal["met", "outstanding", "at_decision"]


@dataclass(frozen=True, kw_only=True)
class RequirementStatus(ResultPart):
    id: str
    name: str
    description: str
    from_tier: int
    status: RequirementState
    needs: list[str]
    missing: list[str]
    # `missing` in words: mitigation names, "Data management rated 2 (Established) or more".
    missing_names: list[str]
    sources: list[Source]


@dataclass(frozen=True, kw_only=True)
class RiskStatus(ResultPart):
    id: str
    name: str
    points: int
    in_place: list[str]
    missing: list[str]


@dataclass(frozen=True, kw_only=True)
class PrincipleScore(ResultPart):
    id: str
    name: str
    ccin_principle: str
    rating: int | None
    score: int | None
    evidence: str
    reasons: list[str]


@dataclass(frozen=True, kw_only=True)
class EnablerReadiness(ResultPart):
    id: str
    name: str
    level: int | None
    label: str | None
    descriptor: str | None


@dataclass(frozen=True, kw_only=True)
class Readiness(ResultPart):
    enablers: list[EnablerReadiness]
    lowest_level: int | None
    not_rated: list[str]


@dataclass(frozen=True, kw_only=True)
class SuitabilityVerdict(ResultPart):
    verdict: str
    label: str
    advice: str
    concern: int
    answered: int
    of: int
    reasons: list[str]


@dataclass(frozen=True, kw_only=True)
class Benefit(ResultPart):
    id: str
    label: str
    type: str
    value: int | float | str


@dataclass(frozen=True, kw_only=True)
class Driver(ResultPart):
    """One of the largest reasons for the tier, in words from the proposal's own answers."""

    source: Literal["gate", "answer"]
    id: str
    text: str
    points: int
    not_known: bool


@dataclass(frozen=True, kw_only=True)
class NotKnownAnswer(ResultPart):
    """A question answered "not known", scored as a riskier answer."""

    question: str
    prompt: str
    counted_as: str
    adds: int
    advice: str


@dataclass(frozen=True, kw_only=True)
class ContradictionFound(ResultPart):
    id: str
    says: str
    advice: str


FactChange = dict[str, str | bool | int]


@dataclass(frozen=True, kw_only=True)
class LowerTierOption(ResultPart):
    """One change a council could make, and the tier it would give.

    `change` is {"facts": {KEY: VALUE}} or {"mitigations_added": [KEY]}; scoring the
    proposal with that change gives `tier`. `clears` names the gates and red lines it ends.
    """

    change: dict[str, FactChange | list[str]]
    tier: int
    tier_label: str
    clears: list[str]
    explanation: str


@dataclass(frozen=True, kw_only=True)
class AssessmentResult(ResultPart):
    schema_version: int
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
    next_steps: list[str]
    drivers: list[Driver]
    not_known: list[NotKnownAnswer]
    contradictions: list[ContradictionFound]
    lower_tier_options: list[LowerTierOption]
    requirements: list[RequirementStatus]
    risks: list[RiskStatus]
    principles: list[PrincipleScore]
    readiness: Readiness
    suitability: SuitabilityVerdict | None
    benefits: list[Benefit]
    explanation: list[str]
