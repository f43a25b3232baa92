"""The framework as loaded: every content file read, checked and cross-referenced."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from pathlib import Path

from coopai.framework import content_schema
from coopai.framework.conditions import FactValue, holds

# Facts that come from the proposal's description rather than the fact questions.
# They have no risk order, so conditions may name any set of their values.
DESCRIPTIVE_FACTS = ("category", "technique")


@dataclass(frozen=True)
class Framework:
    manifest: content_schema.Manifest
    core: content_schema.Manifest
    sections: tuple[content_schema.Section, ...]
    categories: tuple[content_schema.Category, ...]
    techniques: tuple[content_schema.Technique, ...]
    enablers: tuple[content_schema.Enabler, ...]
    principles: tuple[content_schema.Principle, ...]
    risks: tuple[content_schema.Risk, ...]
    mitigations: tuple[content_schema.Mitigation, ...]
    questions: tuple[content_schema.Question, ...]
    scoring: content_schema.Scoring
    requirements: tuple[content_schema.Requirement, ...]
    red_lines: tuple[content_schema.RedLine, ...]
    suitability: content_schema.Suitability
    benefits: tuple[content_schema.BenefitField, ...]
    digest: str
    folders: tuple[Path, ...] = field(default_factory=tuple)
    # Optional content (framework 1.1 on): answers that cannot both be right.
    contradictions: tuple[content_schema.Contradiction, ...] = ()

    @property
    def version(self) -> str:
        """The core framework version this content is, or builds on."""
        return self.core.version

    @property
    def local_version(self) -> str | None:
        """The council's local version, when local additions are layered on the core."""
        return self.manifest.version if self.manifest is not self.core else None

    @cached_property
    def question_by_id(self) -> dict[str, content_schema.Question]:
        return {question.id: question for question in self.questions}

    @cached_property
    def mitigation_by_id(self) -> dict[str, content_schema.Mitigation]:
        return {mitigation.id: mitigation for mitigation in self.mitigations}

    @cached_property
    def enabler_by_id(self) -> dict[str, content_schema.Enabler]:
        return {enabler.id: enabler for enabler in self.enablers}

    @cached_property
    def principle_by_id(self) -> dict[str, content_schema.Principle]:
        return {principle.id: principle for principle in self.principles}

    @cached_property
    def tier_by_number(self) -> dict[int, content_schema.Tier]:
        return {tier.tier: tier for tier in self.scoring.tiers}

    @cached_property
    def question_mitigations(self) -> dict[str, tuple[str, ...]]:
        """Each question's mitigations: those of its risks, in catalogue order."""
        return {q.id: tuple(self.mitigations_for(q.risks)) for q in self.questions}

    @cached_property
    def reduction_share(self) -> Fraction:
        """`max_reduction_share` exactly, as a fraction (0.5 is 1/2, not a float)."""
        return Fraction(str(self.scoring.max_reduction_share))

    def mitigations_for(self, risk_ids: list[str]) -> list[str]:
        """Every mitigation that addresses at least one of these risks, in catalogue order."""
        wanted = set(risk_ids)
        return [m.id for m in self.mitigations if wanted.intersection(m.addresses)]

    def fact_values(self, fact: str) -> list[str | bool] | None:
        """The allowed values of a fact, least risky first; None for a number."""
        if fact == "category":
            return [category.id for category in self.categories]
        if fact == "technique":
            return [technique.id for technique in self.techniques]
        question = self.question_by_id[fact]
        if question.type == "integer":
            return None
        return [answer.value for answer in question.answers]

    def applicable_facts(self, given: Mapping[str, FactValue | None]) -> dict[str, FactValue]:
        """The answers that count, with the questions that do not apply dropped.

        Questions are taken in order, so whether one applies can only depend on answers
        to questions before it that themselves apply. Unanswered questions are absent.
        """
        facts: dict[str, FactValue] = {
            key: value for key in DESCRIPTIVE_FACTS if (value := given.get(key)) is not None
        }
        for question in self.questions:
            answer = given.get(question.id)
            if answer is not None and self.applies(question, facts):
                facts[question.id] = answer
        return facts

    def applies(self, question: content_schema.Question, facts: Mapping[str, FactValue]) -> bool:
        """Whether a question applies, given the applicable answers so far."""
        return question.applies_when is None or holds(question.applies_when, facts, set())
