"""Every kind of page in the guided assessment, each one entry in `KINDS`.

An entry owns everything about its kind: the pages it adds, its form, the answer the
form starts with, how a cleaned form becomes the value the proposal file holds and is
stored, whether the page is answered and how the answer reads on check answers. Adding
a kind means adding one entry; nothing else switches on a page's kind.

Answers are read from the engine's checked proposal (provisional while incomplete).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar, Literal

from django import forms as django_forms
from django.contrib.auth.models import User

from coopai.framework import Framework
from coopai.framework import Proposal as Answers
from coopai.framework.conditions import FactValue
from coopai.web.proposals import forms, services
from coopai.web.proposals.layout import load_layout
from coopai.web.proposals.models import Answer, Proposal

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
"""What a page asks."""


@dataclass(frozen=True)
class Step:
    """One page: the section it is in, its slug in the URL, its kind and its title."""

    section: str
    slug: str
    kind: Kind
    title: str


class PageKind:
    """The behaviour every kind shares; each entry overrides what differs."""

    # The part of the page under the heading, in templates/proposals/kinds/.
    template: ClassVar[str]

    def pages(self, section: str, framework: Framework) -> list[Step]:
        """The pages a section laid out as one page per item gets (layout.yaml)."""
        raise NotImplementedError(f"{type(self).__name__} is not asked once per item")

    def item(self, step: Step, framework: Framework) -> Any:
        """The framework content the page asks about, for its template."""
        return None

    def heading(self, step: Step, framework: Framework) -> str:
        """The page's h1: the step's title, unless the layout words it for its section."""
        pattern = load_layout().for_section(step.section).heading
        return step.title if pattern is None else pattern.format(name=step.title.lower())

    def form(
        self, step: Step, framework: Framework, data: Any = None, initial: Any = None
    ) -> django_forms.Form:
        raise NotImplementedError

    def initial(self, step: Step, answers: Answers) -> dict[str, Any]:
        raise NotImplementedError

    def value(self, step: Step, framework: Framework, cleaned: dict[str, Any]) -> Any:
        """A cleaned form's answer as the proposal file holds it."""
        return cleaned["answer"]

    def store(
        self,
        *,
        proposal: Proposal,
        user: User,
        step: Step,
        framework: Framework,
        cleaned: dict[str, Any],
    ) -> None:
        raise NotImplementedError

    def with_answer(self, answers: Answers, step: Step, value: Any) -> Answers | None:
        """The answers with this page's value, to preview the tier; None when the kind
        cannot move the tier, so the page shows the saved one."""
        return None

    def is_answered(self, step: Step, answers: Answers) -> bool:
        raise NotImplementedError

    def summary(self, step: Step, framework: Framework, answers: Answers) -> str:
        """The answer in words for check answers; empty when there is none yet."""
        raise NotImplementedError


class DetailsKind(PageKind):
    template = "proposals/kinds/_details.html"
    FIELDS = ("title", "service_area", "description")

    def form(
        self, step: Step, framework: Framework, data: Any = None, initial: Any = None
    ) -> django_forms.Form:
        return forms.DetailsForm(data, initial=initial)

    def initial(self, step: Step, answers: Answers) -> dict[str, Any]:
        return {key: getattr(answers, key) or "" for key in self.FIELDS}

    def value(self, step: Step, framework: Framework, cleaned: dict[str, Any]) -> Any:
        return {key: cleaned[key] for key in self.FIELDS}

    def store(
        self,
        *,
        proposal: Proposal,
        user: User,
        step: Step,
        framework: Framework,
        cleaned: dict[str, Any],
    ) -> None:
        services.proposal_update_details(
            proposal=proposal, user=user, **self.value(step, framework, cleaned)
        )

    def is_answered(self, step: Step, answers: Answers) -> bool:
        return bool(answers.title and answers.description)

    def summary(self, step: Step, framework: Framework, answers: Answers) -> str:
        area = f" ({answers.service_area})" if answers.service_area else ""
        return answers.title + area


@dataclass(frozen=True)
class DescribedKind(PageKind):
    """The category or technique: one choice, stored on the proposal's description."""

    field: Literal["category", "technique"]
    template: ClassVar[str] = "proposals/kinds/_described.html"

    def item(self, step: Step, framework: Framework) -> Any:
        return framework.categories if self.field == "category" else framework.techniques

    def form(
        self, step: Step, framework: Framework, data: Any = None, initial: Any = None
    ) -> django_forms.Form:
        choices = [(c.id, c.name) for c in self.item(step, framework)]
        return forms.ChoiceForm(data, initial=initial, choices=choices)

    def initial(self, step: Step, answers: Answers) -> dict[str, Any]:
        return {"answer": getattr(answers, self.field) or None}

    def store(
        self,
        *,
        proposal: Proposal,
        user: User,
        step: Step,
        framework: Framework,
        cleaned: dict[str, Any],
    ) -> None:
        services.proposal_update_details(
            proposal=proposal, user=user, **{self.field: cleaned["answer"]}
        )

    def with_answer(self, answers: Answers, step: Step, value: Any) -> Answers | None:
        return replace(answers, **{self.field: value})

    def is_answered(self, step: Step, answers: Answers) -> bool:
        return bool(getattr(answers, self.field))

    def summary(self, step: Step, framework: Framework, answers: Answers) -> str:
        chosen = getattr(answers, self.field)
        return next((c.name for c in self.item(step, framework) if c.id == chosen), "")


class MitigationsKind(PageKind):
    template = "proposals/kinds/_mitigations.html"

    def item(self, step: Step, framework: Framework) -> Any:
        return framework.mitigations

    def form(
        self, step: Step, framework: Framework, data: Any = None, initial: Any = None
    ) -> django_forms.Form:
        choices = [(m.id, m.name) for m in framework.mitigations]
        return forms.MitigationsForm(data, initial=initial, choices=choices)

    def initial(self, step: Step, answers: Answers) -> dict[str, Any]:
        if answers.mitigations_stated and not answers.mitigations:
            return {"answer": [forms.MitigationsForm.NONE]}
        return {"answer": list(answers.mitigations)}

    def value(self, step: Step, framework: Framework, cleaned: dict[str, Any]) -> Any:
        return list(cleaned["answer"])

    def store(
        self,
        *,
        proposal: Proposal,
        user: User,
        step: Step,
        framework: Framework,
        cleaned: dict[str, Any],
    ) -> None:
        services.answer_set(
            proposal=proposal,
            user=user,
            part=Answer.Part.MITIGATIONS,
            key="in_place",
            value=self.value(step, framework, cleaned),
        )

    def with_answer(self, answers: Answers, step: Step, value: Any) -> Answers | None:
        return replace(answers, mitigations=tuple(value), mitigations_stated=True)

    def is_answered(self, step: Step, answers: Answers) -> bool:
        return answers.mitigations_stated

    def summary(self, step: Step, framework: Framework, answers: Answers) -> str:
        if not answers.mitigations_stated:
            return ""
        names = [framework.mitigation_by_id[m].name for m in answers.mitigations]
        return ", ".join(names) if names else "None"


class AnswerKind(PageKind):
    """A page whose answer is one value, keyed by the page's slug, in one part of the file."""

    part: ClassVar[Literal["facts", "enablers", "principles", "suitability", "benefits"]]

    def given(self, step: Step, answers: Answers) -> Any:
        return getattr(answers, self.part).get(step.slug)

    def initial(self, step: Step, answers: Answers) -> dict[str, Any]:
        value = self.given(step, answers)
        return {} if value is None else {"answer": forms.encode(value)}

    def store(
        self,
        *,
        proposal: Proposal,
        user: User,
        step: Step,
        framework: Framework,
        cleaned: dict[str, Any],
    ) -> None:
        services.answer_set(
            proposal=proposal,
            user=user,
            part=self.part,
            key=step.slug,
            value=self.value(step, framework, cleaned),
            evidence=cleaned.get("evidence"),
        )

    def is_answered(self, step: Step, answers: Answers) -> bool:
        return step.slug in getattr(answers, self.part)


@dataclass(frozen=True)
class NotKnown:
    """A fact question answered "not known", with the answer the content scores it as."""

    counts_as: FactValue


class FactKind(AnswerKind):
    """A fact question. Those whose content has `not_known` offer "Not known" too, which
    the proposal file lists under `not_known` instead of answering under `facts`."""

    part = "facts"
    template = "proposals/kinds/_fact.html"

    def item(self, step: Step, framework: Framework) -> Any:
        return framework.question_by_id[step.slug]

    def form(
        self, step: Step, framework: Framework, data: Any = None, initial: Any = None
    ) -> django_forms.Form:
        question = framework.question_by_id[step.slug]
        if question.type == "integer":
            return forms.NumberForm(data, initial=initial)
        # The content lists answers least risky first, so false before true; GOV.UK asks
        # Yes before No.
        shown = question.answers[::-1] if question.type == "boolean" else question.answers
        return forms.ChoiceForm(
            data,
            initial=initial,
            choices=[(forms.encode(a.value), a.label) for a in shown],
            not_known=question.not_known is not None,
        )

    def initial(self, step: Step, answers: Answers) -> dict[str, Any]:
        if step.slug in answers.not_known:
            return {"answer": forms.ChoiceForm.NOT_KNOWN}
        return super().initial(step, answers)

    def value(self, step: Step, framework: Framework, cleaned: dict[str, Any]) -> Any:
        question = framework.question_by_id[step.slug]
        if cleaned["answer"] == forms.ChoiceForm.NOT_KNOWN and question.not_known is not None:
            return NotKnown(question.not_known.counts_as)
        if question.type == "boolean":
            return cleaned["answer"] == "true"
        return cleaned["answer"]

    def store(
        self,
        *,
        proposal: Proposal,
        user: User,
        step: Step,
        framework: Framework,
        cleaned: dict[str, Any],
    ) -> None:
        if isinstance(self.value(step, framework, cleaned), NotKnown):
            services.answer_set_not_known(proposal=proposal, user=user, key=step.slug)
        else:
            super().store(
                proposal=proposal, user=user, step=step, framework=framework, cleaned=cleaned
            )

    def with_answer(self, answers: Answers, step: Step, value: Any) -> Answers | None:
        others = tuple(key for key in answers.not_known if key != step.slug)
        if isinstance(value, NotKnown):
            # Where it was already listed, it stays.
            listed = answers.not_known if step.slug in answers.not_known else (*others, step.slug)
            facts = {**answers.facts, step.slug: value.counts_as}
            return replace(answers, facts=facts, not_known=listed)
        return replace(answers, facts={**answers.facts, step.slug: value}, not_known=others)

    def summary(self, step: Step, framework: Framework, answers: Answers) -> str:
        if step.slug in answers.not_known:
            return "Not known"
        value = self.given(step, answers)
        if value is None:
            return ""
        question = framework.question_by_id[step.slug]
        if question.type == "integer":
            return f"{value:,}"
        return next((a.label for a in question.answers if a.value == value), str(value))


class RatingKind(AnswerKind):
    """A rating from 0 to 3: a principle shown, or an enabler in place."""

    def form(
        self, step: Step, framework: Framework, data: Any = None, initial: Any = None
    ) -> django_forms.Form:
        return forms.RatingForm(data, initial=initial)

    def value(self, step: Step, framework: Framework, cleaned: dict[str, Any]) -> Any:
        return int(cleaned["answer"])


class PrincipleKind(RatingKind):
    part = "principles"
    template = "proposals/kinds/_principle.html"

    def pages(self, section: str, framework: Framework) -> list[Step]:
        return [Step(section, p.id, "principle", p.name) for p in framework.principles]

    def item(self, step: Step, framework: Framework) -> Any:
        return framework.principle_by_id[step.slug]

    def initial(self, step: Step, answers: Answers) -> dict[str, Any]:
        given = answers.principles.get(step.slug)
        return {} if given is None else {"answer": str(given.rating), "evidence": given.evidence}

    def summary(self, step: Step, framework: Framework, answers: Answers) -> str:
        given = answers.principles.get(step.slug)
        return "" if given is None else f"{given.rating} of 3"


class EnablerKind(RatingKind):
    """The council's readiness in one area, asked as the enabler's own question where the
    content words one (1.1 on), else in the layout's words for the section."""

    part = "enablers"
    template = "proposals/kinds/_enabler.html"

    def pages(self, section: str, framework: Framework) -> list[Step]:
        return [Step(section, e.id, "enabler", e.question or e.name) for e in framework.enablers]

    def heading(self, step: Step, framework: Framework) -> str:
        if framework.enabler_by_id[step.slug].question:
            return step.title
        return super().heading(step, framework)

    def item(self, step: Step, framework: Framework) -> Any:
        return framework.enabler_by_id[step.slug]

    def summary(self, step: Step, framework: Framework, answers: Answers) -> str:
        level = self.given(step, answers)
        if level is None:
            return ""
        return f"{level}: {framework.enabler_by_id[step.slug].levels[level].label}"


class SuitabilityKind(AnswerKind):
    part = "suitability"
    template = "proposals/kinds/_suitability.html"

    def pages(self, section: str, framework: Framework) -> list[Step]:
        return [
            Step(section, q.id, "suitability", q.prompt) for q in framework.suitability.questions
        ]

    def item(self, step: Step, framework: Framework) -> Any:
        return next(q for q in framework.suitability.questions if q.id == step.slug)

    def form(
        self, step: Step, framework: Framework, data: Any = None, initial: Any = None
    ) -> django_forms.Form:
        choices = [(a.value, a.label) for a in self.item(step, framework).answers]
        return forms.ChoiceForm(data, initial=initial, choices=choices)

    def summary(self, step: Step, framework: Framework, answers: Answers) -> str:
        given = self.given(step, answers)
        return next((a.label for a in self.item(step, framework).answers if a.value == given), "")


class BenefitKind(AnswerKind):
    part = "benefits"
    template = "proposals/kinds/_benefit.html"

    def pages(self, section: str, framework: Framework) -> list[Step]:
        return [Step(section, f.id, "benefit", f.label) for f in framework.benefits]

    def item(self, step: Step, framework: Framework) -> Any:
        return next(f for f in framework.benefits if f.id == step.slug)

    def form(
        self, step: Step, framework: Framework, data: Any = None, initial: Any = None
    ) -> django_forms.Form:
        text = self.item(step, framework).type == "text"
        return (forms.TextForm if text else forms.AmountForm)(data, initial=initial)

    def summary(self, step: Step, framework: Framework, answers: Answers) -> str:
        value = self.given(step, answers)
        if value is None:
            return ""
        return f"{value:,}" if isinstance(value, int) else str(value)


KINDS: dict[Kind, PageKind] = {
    "details": DetailsKind(),
    "category": DescribedKind("category"),
    "technique": DescribedKind("technique"),
    "fact": FactKind(),
    "mitigations": MitigationsKind(),
    "principle": PrincipleKind(),
    "enabler": EnablerKind(),
    "suitability": SuitabilityKind(),
    "benefit": BenefitKind(),
}


def kind_of(step: Step) -> PageKind:
    return KINDS[step.kind]
