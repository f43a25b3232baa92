"""The guided assessment's sections and pages, derived from the framework content.

Each page asks one thing. Fact questions come from questions.yaml in their sections;
a question that does not apply (given the answers so far) is skipped, as the engine
skips it when scoring.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from coopai.framework import Framework

Kind = Literal[
    "details",
    "category",
    "technique",
    "fact",
    "mitigations",
    "principle",
    "enabler",
    "suitability",
    "benefit",
]
Status = Literal["Completed", "Incomplete", "Not yet started"]

OPTIONAL_SECTIONS = ("principles", "readiness", "suitability", "benefits")
# The part of the proposal file each kind of page writes.
PARTS = {
    "fact": "facts",
    "principle": "principles",
    "enabler": "enablers",
    "suitability": "suitability",
    "benefit": "benefits",
}


@dataclass(frozen=True)
class Step:
    section: str
    slug: str
    kind: Kind
    title: str


@dataclass(frozen=True)
class Section:
    id: str
    name: str
    description: str
    steps: tuple[Step, ...]
    optional: bool


def sections(framework: Framework, data: dict[str, Any]) -> list[Section]:
    """Every section with the pages that apply to these answers, in order."""
    facts = framework.applicable_facts(_condition_facts(data))
    built = []
    for section in framework.sections:
        steps: list[Step] = []
        if section.id == "about":
            steps = [
                Step("about", "details", "details", "Describe the proposal"),
                Step("about", "category", "category", "What kind of use is it?"),
                Step("about", "technique", "technique", "What kind of AI is it?"),
            ]
        elif section.id == "mitigations":
            steps = [
                Step(
                    "mitigations",
                    "mitigations",
                    "mitigations",
                    "Which of these are already in place?",
                )
            ]
        elif section.id == "principles":
            steps = [Step("principles", p.id, "principle", p.name) for p in framework.principles]
        elif section.id == "readiness":
            steps = [Step("readiness", e.id, "enabler", e.name) for e in framework.enablers]
        for question in framework.questions:
            if question.section == section.id and framework.applies(question, facts):
                steps.append(Step(section.id, question.id, "fact", question.prompt))
        built.append(
            Section(
                section.id,
                section.name,
                section.description,
                tuple(steps),
                section.id in OPTIONAL_SECTIONS,
            )
        )
        if section.id == "about":
            built += _triage_sections(framework)
    return built


def _triage_sections(framework: Framework) -> list[Section]:
    """The suitability triage and expected benefits: short, optional, asked early, because
    whether AI is the right tool at all comes before how risky it is."""
    triage = tuple(
        Step("suitability", q.id, "suitability", q.prompt) for q in framework.suitability.questions
    )
    benefits = tuple(Step("benefits", f.id, "benefit", f.label) for f in framework.benefits)
    return [
        Section(
            "suitability",
            "Is AI the right tool?",
            "Six quick questions on whether AI suits the problem at all.",
            triage,
            True,
        ),
        Section(
            "benefits",
            "Expected benefits",
            "What the council expects to gain, and how it will know.",
            benefits,
            True,
        ),
    ]


def find_step(
    framework: Framework, data: dict[str, Any], section_id: str, slug: str
) -> tuple[Section, Step] | None:
    for section in sections(framework, data):
        if section.id == section_id:
            for step in section.steps:
                if step.slug == slug:
                    return section, step
    return None


def next_step(section: Section, step: Step, data: dict[str, Any]) -> Step | None:
    """The next unanswered page in the section after this one, if any."""
    later = section.steps[section.steps.index(step) + 1 :]
    for candidate in later:
        if not is_answered(candidate, data):
            return candidate
    return None


def is_answered(step: Step, data: dict[str, Any]) -> bool:
    description = data.get("proposal", {})
    if step.kind == "details":
        return bool(description.get("title") and description.get("description"))
    if step.kind in ("category", "technique"):
        return bool(description.get(step.kind))
    if step.kind == "mitigations":
        return "mitigations" in data
    return step.slug in data.get(PARTS[step.kind], {})


def status(section: Section, data: dict[str, Any]) -> Status:
    answered = [is_answered(step, data) for step in section.steps]
    if answered and all(answered):
        return "Completed"
    return "Incomplete" if any(answered) else "Not yet started"


def _condition_facts(data: dict[str, Any]) -> dict[str, Any]:
    description = data.get("proposal", {})
    facts = dict(data.get("facts", {}))
    for key in ("category", "technique"):
        if description.get(key):
            facts[key] = description[key]
    return facts
