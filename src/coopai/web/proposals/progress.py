"""How far through the assessment a proposal is: which pages are answered, each section's
status, and the next page to ask."""

from __future__ import annotations

from typing import Literal

from coopai.framework import Framework
from coopai.framework import Proposal as Answers
from coopai.web.proposals import steps
from coopai.web.proposals.kinds import Step, kind_of

Status = Literal["Completed", "Incomplete", "Not yet started"]


def is_answered(step: Step, answers: Answers) -> bool:
    return kind_of(step).is_answered(step, answers)


def status(section: steps.Section, answers: Answers) -> Status:
    answered = [is_answered(step, answers) for step in section.steps]
    if answered and all(answered):
        return "Completed"
    return "Incomplete" if any(answered) else "Not yet started"


def next_step(section: steps.Section, step: Step, answers: Answers) -> Step | None:
    """The next unanswered page in the section after this one, if any."""
    later = section.steps[section.steps.index(step) + 1 :]
    return next((candidate for candidate in later if not is_answered(candidate, answers)), None)


def first_to_answer(section: steps.Section, answers: Answers) -> Step:
    """Where a section's task starts: its first unanswered page, else its first page."""
    return next((s for s in section.steps if not is_answered(s, answers)), section.steps[0])


def newly_asked(framework: Framework, before: Answers, after: Answers) -> tuple[str, Step] | None:
    """The first page (with its section's id) that an answer made apply and that is not
    answered yet: a changed answer can open a question that was not asked before."""
    earlier = {s for section in steps.sections(framework, before) for s in section.steps}
    return next(
        (
            (section.id, step)
            for section in steps.sections(framework, after)
            for step in section.steps
            if step not in earlier and not is_answered(step, after)
        ),
        None,
    )
