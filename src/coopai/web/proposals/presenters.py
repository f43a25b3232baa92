"""Shaping engine results and records for templates: labels, chart geometry, filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.urls import reverse

from coopai.framework import AssessmentResult, Framework
from coopai.framework import Proposal as Answers
from coopai.framework.result import RECOMMENDATION_WORDS, Driver
from coopai.web.proposals import progress, steps
from coopai.web.proposals.kinds import kind_of
from coopai.web.proposals.models import STAGE_CHOICES
from coopai.web.proposals.selectors import SORTS, RegisterFilters

TIER_CLASSES = {1: "coopai-tier--1", 2: "coopai-tier--2", 3: "coopai-tier--3", 4: "coopai-tier--4"}


def register_filters(params: QueryDict) -> RegisterFilters:
    """Filters from the query string; anything outside its list is ignored, not trusted."""

    def pick(name: str, allowed: set[str] | None = None) -> str:
        value = params.get(name, "").strip()[:200]
        return value if allowed is None or value in allowed else ""

    tier = params.get("tier", "")
    sort = params.get("sort", "-updated")
    sorts = set(SORTS) | {f"-{key}" for key in SORTS}
    return RegisterFilters(
        text=pick("q"),
        service_area=pick("service_area"),
        category=pick("category"),
        technique=pick("technique"),
        stage=pick("stage", {value for value, _ in STAGE_CHOICES}),
        tier=int(tier) if tier in {"1", "2", "3", "4"} else None,
        recommendation=pick("recommendation", set(RECOMMENDATION_WORDS)),
        owner=pick("owner"),
        sort=sort if sort in sorts else "-updated",
    )


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None
    maximum: int
    y: int
    width: float


class ResultView:
    """The engine's result with what the page needs to show it, in the engine's own words."""

    def __init__(self, result: AssessmentResult, framework: Framework) -> None:
        self.result = result
        self.framework = framework
        self.tier_class = TIER_CLASSES[result.tier]
        self.recommendation_words = RECOMMENDATION_WORDS[result.recommendation]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.result, name)

    def reasons(self) -> list[str]:
        """The tier's largest reasons, each a sentence."""
        return [driver_sentence(driver) for driver in self.result.drivers]

    def unanswered_prompts(self) -> list[str]:
        wanted = set(self.result.unanswered)
        return [line.prompt for line in self.result.impact.lines if line.question in wanted]

    def kind_of_ai(self) -> str:
        proposal = self.result.proposal
        names = [proposal.category_name, proposal.technique_name]
        return ", ".join(name for name in names if name)

    def principle_bars(self) -> list[Bar]:
        return _bars([(p.name, p.score) for p in self.result.principles])

    def readiness_bars(self) -> list[Bar]:
        return _bars([(e.name, e.level) for e in self.result.readiness.enablers])


def driver_clause(driver: Driver) -> str:
    """A reason for the tier as the engine gives it, a lower-case clause, saying when the
    answer behind it was "not known"."""
    return f"{driver.text} (answered “not known”)" if driver.not_known else driver.text


def driver_sentence(driver: Driver) -> str:
    """A reason for the tier as a sentence of its own."""
    clause = driver_clause(driver)
    return f"{clause[:1].upper()}{clause[1:]}."


@dataclass(frozen=True)
class RunningTier:
    """The tier so far, as the question pages and check answers show it: not known until
    every impact question that applies is answered, then the tier and its largest reason.
    Never points: a person reads a tier, not a sum."""

    known: bool
    tier: int
    label: str
    reason: str
    still_to_answer: int
    red_lines: list[str]


def running_tier(result: AssessmentResult) -> RunningTier:
    if result.drivers:
        reason = f"Mainly because {driver_clause(result.drivers[0])}."
    else:
        reason = "No answer so far adds to the impact."
    return RunningTier(
        known=result.complete,
        tier=result.tier,
        label=result.tier_label,
        reason=reason,
        still_to_answer=len(result.unanswered),
        red_lines=[line.name for line in result.red_lines],
    )


def _bars(rows: list[tuple[str, int | None]], maximum: int = 3, width: float = 300) -> list[Bar]:
    return [
        Bar(label, value, maximum, 8 + index * 32, width * (value or 0) / maximum)
        for index, (label, value) in enumerate(rows)
    ]


def register_controls(
    filters: RegisterFilters, choices: dict[str, list[str]], framework: Framework
) -> dict[str, Any]:
    """The register's filter lists (as select items) and the words for stored codes."""
    tiers = {t.tier: t.label for t in framework.scoring.tiers}
    names: dict[str, dict[Any, str]] = {
        "category": {c.id: c.name for c in framework.categories},
        "technique": {t.id: t.name for t in framework.techniques},
        "tier": tiers,
        "recommendation": dict(RECOMMENDATION_WORDS),
    }

    def items(pairs: list[tuple[str, str]], chosen: str, everything: str) -> list[dict[str, Any]]:
        return [{"value": "", "text": everything}] + [
            {"value": value, "text": text, "selected": value == chosen} for value, text in pairs
        ]

    return {
        "names": names,
        "service_area": items(
            [(v, v) for v in choices["service_area"]], filters.service_area, "All service areas"
        ),
        "owner": items([(v, v) for v in choices["owner"]], filters.owner, "All owners"),
        "stage": items(STAGE_CHOICES, filters.stage, "All stages"),
        "category": items(list(names["category"].items()), filters.category, "All categories"),
        "technique": items(list(names["technique"].items()), filters.technique, "All techniques"),
        "tier": items(
            [(str(k), f"{k} {v}") for k, v in tiers.items()], str(filters.tier or ""), "All tiers"
        ),
        "recommendation": items(
            list(RECOMMENDATION_WORDS.items()), filters.recommendation, "All recommendations"
        ),
    }


@dataclass(frozen=True)
class TaskList:
    items: list[dict[str, Any]]
    completed: int
    required: int


def task_list(
    proposal_pk: int, sections: list[steps.Section], answers: Answers, editable: bool
) -> TaskList:
    """The "complete multiple tasks" list: one task per section, with its status."""
    items = []
    completed = required = 0
    for section in sections:
        status = progress.status(section, answers)
        if not section.optional:
            required += 1
            completed += status == "Completed"
        target = progress.first_to_answer(section, answers)
        tag = (
            {"text": status}
            if status == "Completed"
            else {
                "tag": {
                    "text": status,
                    "classes": "govuk-tag--blue" if status == "Incomplete" else "govuk-tag--grey",
                }
            }
        )
        items.append(
            {
                "title": {"text": section.name + (" (optional)" if section.optional else "")},
                "hint": {"text": section.description},
                "href": reverse("assessment_step", args=[proposal_pk, section.id, target.slug])
                if editable
                else None,
                "status": tag,
            }
        )
    return TaskList(items, completed, required)


@dataclass(frozen=True)
class SummaryRow:
    section: str
    slug: str
    question: str
    answer: str


def answer_summary(*, framework: Framework, answers: Answers) -> list[SummaryRow]:
    """Every answer in words, for the check answers page."""
    return [
        SummaryRow(
            section.id, step.slug, step.title, kind_of(step).summary(step, framework, answers)
        )
        for section in steps.sections(framework, answers)
        for step in section.steps
    ]
