"""The guided assessment's sections and pages, from the framework content and the layout.

Each page asks one thing. Fact questions come from questions.yaml in their sections;
a question that does not apply (given the answers so far) is skipped, as the engine
skips it when scoring. Which sections are optional, the fixed pages and the triage
sections come from layout.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopai.framework import Framework
from coopai.framework import Proposal as Answers
from coopai.web.proposals.kinds import KINDS, Step
from coopai.web.proposals.layout import SectionLayout, load_layout


@dataclass(frozen=True)
class Section:
    id: str
    name: str
    description: str
    steps: tuple[Step, ...]
    optional: bool


def sections(framework: Framework, answers: Answers) -> list[Section]:
    """Every section with the pages that apply to these answers, in order."""
    layout = load_layout()
    facts = framework.applicable_facts(answers.condition_facts())
    built = []
    for section in framework.sections:
        steps = _pages(layout.for_section(section.id), framework)
        steps += [
            Step(section.id, question.id, "fact", question.prompt)
            for question in framework.questions
            if question.section == section.id and framework.applies(question, facts)
        ]
        built.append(
            Section(
                section.id,
                section.name,
                section.description,
                tuple(steps),
                layout.for_section(section.id).optional,
            )
        )
        built += [
            Section(t.id, t.name, t.description, tuple(_pages(t, framework)), t.optional)
            for t in layout.triage_after(section.id)
        ]
    return built


def _pages(section: SectionLayout, framework: Framework) -> list[Step]:
    """The section's fixed pages, then one page per item it asks about, if it does."""
    steps = [Step(section.id, page.kind, page.kind, page.title) for page in section.pages]
    if section.one_page_per is not None:
        steps += KINDS[section.one_page_per].pages(section.id, framework)
    return steps


def find_step(
    framework: Framework, answers: Answers, section_id: str, slug: str
) -> tuple[Section, Step] | None:
    for section in sections(framework, answers):
        if section.id == section_id:
            for step in section.steps:
                if step.slug == slug:
                    return section, step
    return None
