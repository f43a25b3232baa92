"""The shape of framework content. Every YAML file under content/ is checked against this.

Cross-references (a mitigation naming a risk, a condition naming a fact) are checked
in `validation.py`, once every file is read.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

RECOMMENDATIONS: tuple[str, ...] = (
    "proceed",
    "proceed_with_conditions",
    "pilot_first",
    "do_not_proceed",
)
Recommendation = Literal["proceed", "proceed_with_conditions", "pilot_first", "do_not_proceed"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Source(Strict):
    """Where a requirement comes from: a law, a regulator's guidance, a CCIN principle."""

    title: Text
    reference: Text | None = None
    url: Text | None = None


class Condition(Strict):
    """A test on a proposal's answers. Exactly one form per condition.

    `fact` with `in`: the answer is one of these values. `fact` with `at_least`: a number
    is at least this. `mitigation_missing`: the proposal does not list this mitigation.
    `all` / `any`: every / at least one of the nested conditions holds.
    """

    fact: ItemId | None = None
    in_: list[str | bool] | None = Field(default=None, alias="in")
    at_least: int | None = None
    mitigation_missing: ItemId | None = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None

    @model_validator(mode="after")
    def _exactly_one_form(self) -> Condition:
        forms = [
            self.fact is not None,
            self.mitigation_missing is not None,
            self.all is not None,
            self.any is not None,
        ]
        if sum(forms) != 1:
            raise ValueError(
                "a condition needs exactly one of: fact (with in or at_least), "
                "mitigation_missing, all, any"
            )
        if self.fact is not None and (self.in_ is None) == (self.at_least is None):
            raise ValueError("a fact condition needs exactly one of: in, at_least")
        if self.fact is None and (self.in_ is not None or self.at_least is not None):
            raise ValueError("in and at_least go with fact")
        return self


class Manifest(Strict):
    """framework.yaml: which version this is and what it builds on."""

    version: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._+-]*$")]
    name: Text
    released: str | None = None
    status: Literal["released", "draft"]
    extends: str | None = None
    summary: Text
    changes: list[Text] = Field(default_factory=list)


class Category(Strict):
    id: ItemId
    name: Text
    description: Text
    examples: list[Text] = Field(default_factory=list)


class WhereItGoesWrong(Strict):
    text: Text
    risks: list[ItemId]


class Explainer(Strict):
    """A plain-English introduction to a kind of AI, for people new to it."""

    what_it_is: Text
    good_at: list[Text]
    goes_wrong: list[WhereItGoesWrong]
    ask_supplier: list[Text]


class Technique(Strict):
    id: ItemId
    name: Text
    description: Text
    explainer: Explainer | None = None


class EnablerLevel(Strict):
    level: Annotated[int, Field(ge=0, le=3)]
    label: Text
    descriptor: Text


class Enabler(Strict):
    id: ItemId
    name: Text
    description: Text
    covers: list[Text]
    levels: list[EnablerLevel]
    # The question as a proposer reads it, and who in the council is best placed to answer.
    question: Text | None = None
    who_answers: Text | None = None

    @model_validator(mode="after")
    def _levels_zero_to_three(self) -> Enabler:
        if [level.level for level in self.levels] != [0, 1, 2, 3]:
            raise ValueError("levels must describe 0, 1, 2 and 3, in that order")
        return self


class RatingCap(Strict):
    """While `when` holds, a principle's rating counts for no more than `max`."""

    when: Condition
    max: Annotated[int, Field(ge=0, le=3)]
    reason: Text


class PrincipleScoring(Strict):
    evidence_needed_from: Annotated[int, Field(ge=1, le=3)]
    caps: list[RatingCap] = Field(default_factory=list)


class Principle(Strict):
    id: ItemId
    name: Text
    ccin_principle: Text
    values: list[Text]
    guidance: Text
    evidence_prompts: list[Text]
    scoring: PrincipleScoring


class Risk(Strict):
    id: ItemId
    name: Text
    description: Text
    raised_when: Condition | None = None


class Mitigation(Strict):
    id: ItemId
    name: Text
    description: Text
    addresses: list[ItemId]
    evidence: Text
    sources: list[Source] = Field(default_factory=list)


class Answer(Strict):
    value: str | bool
    label: Text
    points: Annotated[int, Field(ge=0, le=50)]
    # Why this answer raises the impact, as a clause a councillor would say: "it uses
    # special category data, such as health records".
    reason: Text | None = None


class Band(Strict):
    from_: Annotated[int, Field(ge=0, alias="from")]
    label: Text
    points: Annotated[int, Field(ge=0, le=50)]
    # As for an answer; "{value}" is replaced by the number given, written with commas.
    reason: Text | None = None


class NotKnown(Strict):
    """A question that may be answered "not known": it is scored as `counts_as` (a riskier
    answer, so not knowing never lowers the tier) and the result says so, with `advice`."""

    counts_as: str | bool
    advice: Text


class Question(Strict):
    """A fact question. Answers and bands are listed from least to most risky."""

    id: ItemId
    section: ItemId
    prompt: Text
    help: Text
    type: Literal["choice", "boolean", "integer"]
    risks: list[ItemId] = Field(default_factory=list)
    applies_when: Condition | None = None
    answers: list[Answer] = Field(default_factory=list)
    bands: list[Band] = Field(default_factory=list)
    # Examples of how common kinds of AI would answer, shown with the help text.
    examples: list[Text] = Field(default_factory=list)
    # Set when the answer is fixed by the nature of the service, so a council cannot change
    # it to lower the tier: says why. "What would lower the tier" never suggests changing it.
    fixed: Text | None = None
    not_known: NotKnown | None = None

    @model_validator(mode="after")
    def _answers_fit_type(self) -> Question:
        if self.type == "integer":
            if self.answers or not self.bands:
                raise ValueError("an integer question has bands and no answers")
            starts = [band.from_ for band in self.bands]
            if starts[0] != 0 or starts != sorted(set(starts)):
                raise ValueError("bands must start from 0 and rise")
            points = [band.points for band in self.bands]
        else:
            if self.bands or not self.answers:
                raise ValueError(f"a {self.type} question has answers and no bands")
            values = [answer.value for answer in self.answers]
            if len(set(values)) != len(values):
                raise ValueError("answer values must be unique")
            if self.type == "boolean" and values != [False, True]:
                raise ValueError("a boolean question lists false then true")
            if self.type == "choice" and not all(isinstance(v, str) for v in values):
                raise ValueError("a choice question's values are words, not true/false")
            points = [answer.points for answer in self.answers]
        if points != sorted(points):
            raise ValueError(
                "points must never fall as answers get riskier (they are listed least risky first)"
            )
        if self.not_known is not None and not any(
            a.value == self.not_known.counts_as and type(a.value) is type(self.not_known.counts_as)
            for a in self.answers
        ):
            allowed = ", ".join(str(a.value).lower() for a in self.answers)
            raise ValueError(
                f"not_known.counts_as must be one of this question's answers: {allowed}"
            )
        return self

    @property
    def maximum(self) -> int:
        return max(a.points for a in self.answers) if self.answers else self.bands[-1].points


class Tier(Strict):
    tier: Annotated[int, Field(ge=1, le=4)]
    label: Text
    from_points: Annotated[int, Field(ge=0)]
    description: Text
    when_requirements_met: Recommendation
    when_requirements_outstanding: Recommendation


class Floor(Strict):
    """A gate: when it holds, the tier is at least `minimum_tier`, whatever the points."""

    id: ItemId
    name: Text
    when: Condition
    minimum_tier: Annotated[int, Field(ge=2, le=4)]
    reason: Text
    # Why this proposal is held at the tier, as a clause: "it uses special category data
    # about vulnerable people".
    because: Text | None = None


class Scoring(Strict):
    max_reduction_share: Annotated[float, Field(ge=0, lt=1)]
    tiers: list[Tier]
    floors: list[Floor] = Field(default_factory=list)

    @model_validator(mode="after")
    def _tiers_in_order(self) -> Scoring:
        if [tier.tier for tier in self.tiers] != [1, 2, 3, 4]:
            raise ValueError("tiers must be 1, 2, 3 and 4, in that order")
        starts = [tier.from_points for tier in self.tiers]
        if starts[0] != 0 or starts != sorted(set(starts)):
            raise ValueError("tier 1 starts from 0 points and each later tier starts higher")
        order = {name: rank for rank, name in enumerate(RECOMMENDATIONS)}
        for tier in self.tiers:
            if order[tier.when_requirements_met] > order[tier.when_requirements_outstanding]:
                raise ValueError(
                    f"tier {tier.tier}: outstanding requirements cannot give a milder "
                    "recommendation than met ones"
                )
        for lower, higher in zip(self.tiers, self.tiers[1:], strict=False):
            for key in ("when_requirements_met", "when_requirements_outstanding"):
                if order[getattr(lower, key)] > order[getattr(higher, key)]:
                    raise ValueError(
                        f"tier {higher.tier}'s {key} recommendation is milder than tier "
                        f"{lower.tier}'s"
                    )
        return self


class MetBy(Strict):
    """What shows a requirement is met: mitigations listed, enablers rated, or a decision."""

    mitigations: list[ItemId] = Field(default_factory=list)
    enablers: dict[ItemId, Annotated[int, Field(ge=1, le=3)]] = Field(default_factory=dict)
    decision: Literal["ethics_board", "cabinet"] | None = None

    @model_validator(mode="after")
    def _something(self) -> MetBy:
        if not (self.mitigations or self.enablers or self.decision):
            raise ValueError("met_by names mitigations, enablers or a decision")
        if self.decision and (self.mitigations or self.enablers):
            raise ValueError("a requirement met by a decision names nothing else")
        return self


class Requirement(Strict):
    """Applies from `from_tier` up while `applies_when` holds, and at any tier when
    `always_when` holds."""

    id: ItemId
    name: Text
    description: Text
    from_tier: Annotated[int, Field(ge=1, le=4)]
    applies_when: Condition | None = None
    always_when: Condition | None = None
    met_by: MetBy
    sources: list[Source] = Field(default_factory=list)


class Contradiction(Strict):
    """Two answers that cannot both be right, pointed out on the result and check answers.

    It holds when `mitigation` (if named) is listed as in place and `when` holds. Unlike a
    gate's, its conditions may name any answers: it changes no score.
    """

    id: ItemId
    mitigation: ItemId | None = None
    when: Condition
    says: Text
    advice: Text


class RedLine(Strict):
    id: ItemId
    name: Text
    when: Condition
    minimum_tier: Annotated[int, Field(ge=1, le=4)]
    recommendation: Recommendation
    explanation: Text
    how_to_resolve: Text
    sources: list[Source] = Field(default_factory=list)


class SuitabilityAnswer(Strict):
    value: ItemId
    label: Text
    concern: Annotated[int, Field(ge=0, le=3)]
    reason: str = ""
    blocking: bool = False


class SuitabilityQuestion(Strict):
    id: ItemId
    prompt: Text
    help: Text
    answers: list[SuitabilityAnswer]


class Verdict(Strict):
    id: ItemId
    label: Text
    up_to_concern: int | None
    advice: Text


class Suitability(Strict):
    questions: list[SuitabilityQuestion]
    verdicts: list[Verdict]

    @model_validator(mode="after")
    def _verdicts_cover_everything(self) -> Suitability:
        if not self.verdicts or self.verdicts[-1].up_to_concern is not None:
            raise ValueError("the last verdict catches everything: its up_to_concern is null")
        limits = [v.up_to_concern for v in self.verdicts[:-1]]
        if any(limit is None for limit in limits) or limits != sorted(limits):  # type: ignore[type-var]  # None ruled out first
            raise ValueError("verdicts rise in up_to_concern")
        return self


class BenefitField(Strict):
    id: ItemId
    label: Text
    type: Literal["integer", "money", "text"]
    help: Text


class Section(Strict):
    """A section of the guided assessment, grouping fact questions."""

    id: ItemId
    name: Text
    description: Text
