"""A proposal's history in words: what each change was to, and its old and new values.

A change is stored with ids (`facts.people_per_year`, `60000`, `True`), so the record
stays exact whatever the wording. Only the page turns them into words: an answer reads as
the assessment's page kinds word it on check answers (kinds.py), the question as its
page asks it, and a stage, vote or condition as the engine names it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from coopai.framework import Framework
from coopai.framework import Proposal as Answers
from coopai.framework.lifecycle import STAGE_LABELS, Stage
from coopai.framework.proposal import PrincipleRating
from coopai.framework.review import CONDITION_LABELS, VOTE_LABELS, ConditionState, Vote
from coopai.transparency import load_standard
from coopai.web.jinja2 import govuk_day
from coopai.web.proposals import steps
from coopai.web.proposals.kinds import Step, kind_of
from coopai.web.proposals.models import Change

# Fields that are not answers to a question, and what each is called.
FIELD_WORDS = {
    "proposal": "Proposal",
    "title": "Title",
    "service_area": "Service area",
    "description": "Description",
    "framework_version": "Framework version",
    "stage": "Stage",
    "review_date": "Next review date",
    "review.vote": "Vote",
    "condition": "Condition",
    "evidence.upload": "Uploaded audit file",
}
# Where each part of the proposal file is asked: the page kind that words its answers.
PART_KINDS = {
    "facts": "fact",
    "enablers": "enabler",
    "principles": "principle",
    "suitability": "suitability",
    "benefits": "benefit",
}
NOTHING = "Not given"
NOT_KNOWN = "Not known"
# Fields whose values are one of the engine's states, with the engine's words for them.
STATES: dict[str, tuple[type[StrEnum], Mapping[Any, str]]] = {
    "stage": (Stage, STAGE_LABELS),
    "review.vote": (Vote, VOTE_LABELS),
    "condition": (ConditionState, CONDITION_LABELS),
}


@dataclass(frozen=True)
class ChangeRow:
    at: datetime
    who: str
    what: str
    old: str
    new: str
    note: str


def change_rows(changes: Iterable[Change], framework: Framework) -> list[ChangeRow]:
    words = HistoryWords(framework)
    return [
        ChangeRow(
            change.at,
            change.user.get_username() if change.user else "(removed user)",
            words.what(change.field),
            words.value(change.field, change.old),
            words.value(change.field, change.new),
            change.note,
        )
        for change in changes
    ]


class HistoryWords:
    """The words for the fields and values a proposal's changes record."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.pages = _pages(framework)
        self.sections = {s.id: s.name for s in steps.sections(framework, Answers(title=""))}
        self.names = {
            **{m.id: m.name for m in framework.mitigations},
            **{r.id: r.name for r in framework.requirements},
        }

    def what(self, field: str) -> str:
        if field in FIELD_WORDS:
            return FIELD_WORDS[field]
        page = self._page(field.removesuffix(".evidence"))
        if page is not None:
            asked = kind_of(page).heading(page, self.framework)
            return f"{asked} (evidence)" if field.endswith(".evidence") else asked
        prefix, _, key = field.partition(".")
        if prefix == "not_known" and key in self.framework.question_by_id:
            return self.framework.question_by_id[key].prompt
        if prefix == "comment":
            return f"Comment on {self.sections.get(key, 'the whole proposal')}"
        if prefix in ("evidence", "exception"):
            return f"{prefix.capitalize()} for {self.names.get(key, _spoken(key))}"
        if prefix == "transparency":
            return f"Transparency record: {_record_field(key)}"
        return _spoken(key if prefix in PART_KINDS else field)

    def value(self, field: str, value: Any) -> str:
        if value is None or value == "":
            return NOTHING
        if field.startswith("not_known."):
            return NOT_KNOWN if value else NOTHING
        page = None if field.endswith(".evidence") else self._page(field)
        if page is not None:
            return kind_of(page).summary(
                page, self.framework, ONE_ANSWER[page.kind](page.slug, value)
            ) or _plain(value)
        named = _named_value(field, value)
        return _plain(value) if named is None else named

    def _page(self, field: str) -> Step | None:
        """The assessment page that asks for this field, if it is an answer."""
        part, _, key = field.partition(".")
        if part in PART_KINDS:
            return self.pages.get((PART_KINDS[part], key))
        return self.pages.get((field, field))


def _pages(framework: Framework) -> dict[tuple[str, str], Step]:
    """Every page of the assessment, whatever the answers, by its kind and slug."""
    found: dict[tuple[str, str], Step] = {
        (step.kind, step.slug): step
        for section in steps.sections(framework, Answers(title=""))
        for step in section.steps
    }
    for question in framework.questions:
        found[("fact", question.id)] = Step(question.section, question.id, "fact", question.prompt)
    return found


# For each page kind, answers holding only one value, for the kind to word (kinds.py).
ONE_ANSWER: dict[str, Callable[[str, Any], Answers]] = {
    "fact": lambda key, value: Answers(title="", facts={key: value}),
    "enabler": lambda key, value: Answers(title="", enablers={key: value}),
    "principle": lambda key, value: Answers(
        title="", principles={key: PrincipleRating(rating=value)}
    ),
    "suitability": lambda key, value: Answers(title="", suitability={key: value}),
    "benefit": lambda key, value: Answers(title="", benefits={key: value}),
    "mitigations": lambda key, value: Answers(title="", mitigations=tuple(value)),
    "category": lambda key, value: Answers(title="", category=value),
    "technique": lambda key, value: Answers(title="", technique=value),
}


def _named_value(field: str, value: Any) -> str | None:
    """A stage, vote, condition state, evidence state or date, in words."""
    if not isinstance(value, str):
        return None
    if field in STATES:
        kind, labels = STATES[field]
        return labels[kind(value)] if value in {member.value for member in kind} else None
    if field.startswith("evidence.") and value in ("accepted", "withdrawn"):
        return value.capitalize()
    if field == "review_date":
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return None
        return govuk_day(day)
    return None


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return f"{value:,}"
    if isinstance(value, list):
        return ", ".join(_plain(item) for item in value) or "None"
    return str(value)


def _record_field(key: str) -> str:
    return next((f.name for f in load_standard().fields if f.id == key), _spoken(key))


def _spoken(key: str) -> str:
    """An id no content names any more (a question dropped by a later framework version),
    said as words rather than shown as an id."""
    words = key.replace(".", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]
