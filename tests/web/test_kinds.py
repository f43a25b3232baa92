"""The registry of page kinds: every kind a section can produce has one entry, and each
entry carries a real framework question from its first answer to check answers."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from django.http import QueryDict

from coopai.framework import Framework, available_versions, load_framework
from coopai.framework import Proposal as Answers
from coopai.web.proposals import selectors, services, steps
from coopai.web.proposals.kinds import KINDS, Kind, Step
from coopai.web.proposals.models import Proposal

from .conftest import Personas


def _steps(framework: Framework, answers: Answers) -> list[Step]:
    return [step for section in steps.sections(framework, answers) for step in section.steps]


def test_the_registry_has_exactly_one_entry_for_each_kind() -> None:
    assert set(KINDS) == set(get_args(Kind))


@pytest.mark.parametrize("version", available_versions())
def test_every_kind_the_sections_produce_has_an_entry(personas: Personas, version: str) -> None:
    framework = load_framework(version)
    answers = selectors.checked_proposal(proposal=personas.proposal_a, framework=framework)
    produced = {step.kind for step in _steps(framework, answers)}
    assert produced <= set(KINDS)
    assert produced == set(get_args(Kind))  # the example asks every kind there is


def _posted(initial: dict[str, Any]) -> QueryDict:
    """The initial value as a browser would post it back."""
    posted = QueryDict(mutable=True)
    for key, value in initial.items():
        posted.setlist(key, value if isinstance(value, list) else [value])
    return posted


def _pick(framework: Framework, answers: Answers, kind: str, variant: str) -> Step:
    """The first answered page of this kind; for facts and benefits, of this answer type."""
    for step in _steps(framework, answers):
        if step.kind != kind or not KINDS[kind].is_answered(step, answers):
            continue
        item = KINDS[kind].item(step, framework)
        if variant in ("", getattr(item, "type", "")):
            return step
    raise AssertionError(f"the example has no {kind} page of type {variant!r}")


ROUND_TRIPS = [
    *[(kind, "") for kind in KINDS if kind not in ("fact", "benefit")],
    *[("fact", kind) for kind in ("choice", "boolean", "integer")],
    *[("benefit", kind) for kind in ("integer", "money", "text")],
]


@pytest.mark.parametrize(("kind", "variant"), ROUND_TRIPS)
def test_each_kind_round_trips_from_initial_to_check_answers(
    personas: Personas, kind: str, variant: str
) -> None:
    framework = load_framework()
    source = selectors.checked_proposal(proposal=personas.proposal_a)
    step = _pick(framework, source, kind, variant)
    entry = KINDS[step.kind]
    target = services.proposal_create(
        council=personas.council_a, owner=personas.proposer_a, title="Idea", description="Idea."
    )
    before = selectors.checked_proposal(proposal=target)
    assert entry.is_answered(step, before) is (kind == "details")

    form = entry.form(step, framework, _posted(entry.initial(step, source)))
    assert form.is_valid(), form.errors
    entry.store(
        proposal=target,
        user=personas.proposer_a,
        step=step,
        framework=framework,
        cleaned=form.cleaned_data,
    )

    after = selectors.checked_proposal(proposal=Proposal.objects.get(pk=target.pk))
    assert entry.is_answered(step, after)
    assert entry.initial(step, after) == entry.initial(step, source)
    expected = entry.summary(step, framework, source)
    assert expected
    assert entry.summary(step, framework, after) == expected


def test_mitigations_read_none_when_stated_empty_and_blank_when_not_stated(
    personas: Personas,
) -> None:
    framework = load_framework()
    entry = KINDS["mitigations"]
    step = Step("mitigations", "mitigations", "mitigations", "Which?")
    proposal = services.proposal_create(
        council=personas.council_a, owner=personas.proposer_a, title="Idea", description="Idea."
    )
    unstated = selectors.checked_proposal(proposal=proposal)
    assert (entry.is_answered(step, unstated), entry.summary(step, framework, unstated)) == (
        False,
        "",
    )
    entry.store(
        proposal=proposal,
        user=personas.proposer_a,
        step=step,
        framework=framework,
        cleaned={"answer": []},
    )
    stated = selectors.checked_proposal(proposal=proposal)
    assert (entry.is_answered(step, stated), entry.summary(step, framework, stated)) == (
        True,
        "None",
    )


@pytest.mark.parametrize("kind", ["principle", "enabler", "suitability", "benefit", "details"])
def test_kinds_that_cannot_move_the_tier_do_not_preview_one(personas: Personas, kind: str) -> None:
    framework = load_framework()
    source = selectors.checked_proposal(proposal=personas.proposal_a)
    step = _pick(framework, source, kind, "")
    assert KINDS[kind].with_answer(source, step, "anything") is None


@pytest.mark.parametrize("kind", ["fact", "mitigations", "category", "technique"])
def test_kinds_that_move_the_tier_preview_the_answer_on_the_page(
    personas: Personas, kind: str
) -> None:
    framework = load_framework()
    source = selectors.checked_proposal(proposal=personas.proposal_a)
    step = _pick(framework, source, kind, "")
    entry = KINDS[kind]
    form = entry.form(step, framework, _posted(entry.initial(step, source)))
    assert form.is_valid()
    candidate = entry.with_answer(source, step, entry.value(step, framework, form.cleaned_data))
    assert candidate == source


def test_a_fact_answered_not_known_round_trips_through_its_kind(personas: Personas) -> None:
    framework = load_framework()
    services.answer_set_not_known(
        proposal=personas.proposal_a, user=personas.proposer_a, key="data_linking"
    )
    source = selectors.checked_proposal(proposal=personas.proposal_a)
    step = next(s for s in _steps(framework, source) if s.slug == "data_linking")
    entry = KINDS["fact"]
    assert entry.initial(step, source) == {"answer": "not-known"}
    assert entry.summary(step, framework, source) == "Not known"

    form = entry.form(step, framework, _posted(entry.initial(step, source)))
    assert form.is_valid(), form.errors
    assert entry.with_answer(source, step, entry.value(step, framework, form.cleaned_data)) == (
        source
    )
    target = services.proposal_create(
        council=personas.council_a, owner=personas.proposer_a, title="Idea", description="Idea."
    )
    entry.store(
        proposal=target,
        user=personas.proposer_a,
        step=step,
        framework=framework,
        cleaned=form.cleaned_data,
    )
    after = selectors.checked_proposal(proposal=Proposal.objects.get(pk=target.pk))
    assert after.not_known == ("data_linking",)
    assert after.facts["data_linking"] is True  # the content's counts_as
    assert entry.initial(step, after) == entry.initial(step, source)
