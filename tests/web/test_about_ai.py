"""The public "About AI" pages: every kind of AI the framework explains, in plain English,
for anyone, with no sign-in; linked from every page's navigation and footer."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from markupsafe import escape

from coopai.framework import load_framework

from .conftest import CheckedClient, Personas

EXPLAINED = [t for t in load_framework().techniques if t.explainer is not None]


def _text(body: str) -> str:
    return " ".join(body.split())


def test_about_ai_explains_every_kind_of_ai_without_sign_in(anonymous: CheckedClient) -> None:
    response = anonymous.get(reverse("about_ai"))
    assert response.status_code == 200
    body = _text(response.content.decode())
    risk_names = {risk.id: risk.name for risk in load_framework().risks}
    assert len(EXPLAINED) == 8
    for technique in EXPLAINED:
        explainer = technique.explainer
        assert explainer is not None
        assert f'id="{technique.id}"' in body
        assert f'<a class="govuk-link" href="#{technique.id}">{escape(technique.name)}</a>' in body
        assert escape(" ".join(explainer.what_it_is.split())) in body
        for item in [*explainer.good_at, *explainer.ask_supplier]:
            assert escape(" ".join(item.split())) in body
        for wrong in explainer.goes_wrong:
            named = "; ".join(escape(risk_names[r]) for r in wrong.risks)
            label = "Risk" if len(wrong.risks) == 1 else "Risks"
            assert f"{escape(' '.join(wrong.text.split()))} <span" in body
            assert f"{label}: {named}</span>" in body


def test_a_technique_without_an_explainer_is_not_listed(anonymous: CheckedClient) -> None:
    unexplained = [t for t in load_framework().techniques if t.explainer is None]
    assert [t.id for t in unexplained] == ["other"]
    body = anonymous.get(reverse("about_ai")).content.decode()
    assert 'id="other"' not in body
    response = anonymous.get(reverse("about_ai_technique", args=["other"]))
    assert response.status_code == 404


@pytest.mark.parametrize("technique", [t.id for t in EXPLAINED])
def test_each_kind_of_ai_has_a_page_of_its_own(anonymous: CheckedClient, technique: str) -> None:
    found = next(t for t in EXPLAINED if t.id == technique)
    assert found.explainer is not None
    response = anonymous.get(reverse("about_ai_technique", args=[technique]))
    assert response.status_code == 200
    body = _text(response.content.decode())
    assert f"<title>{escape(found.name)} -" in body
    assert escape(" ".join(found.explainer.what_it_is.split())) in body
    for heading in ("What it is", "What it is good at", "How it typically goes wrong"):
        assert f'<h2 class="govuk-heading-m">{heading}</h2>' in body
    assert '<h2 class="govuk-heading-m">Questions to ask a supplier</h2>' in body
    others = re.findall(r'href="/about-ai/([a-z_]+)/"', body)
    assert sorted(others) == sorted(t.id for t in EXPLAINED if t.id != technique)


def test_an_unknown_kind_of_ai_is_not_found(anonymous: CheckedClient) -> None:
    assert anonymous.get(reverse("about_ai_technique", args=["telepathy"])).status_code == 404


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_links_to_about_ai_in_its_navigation_and_footer(
    personas: Personas, signed_in: bool
) -> None:
    client = personas.client_for(personas.proposer_a if signed_in else None)
    path = reverse("register") if signed_in else reverse("public_register")
    body = client.get(path).content.decode()
    navigation = body[body.index('<nav aria-label="Menu"') : body.index("</nav>")]
    footer = body[body.index("<footer") :]
    link = f'href="{reverse("about_ai")}"'
    assert link in navigation and "About AI" in navigation
    assert link in footer


def test_the_about_ai_page_is_marked_as_the_current_one_in_the_navigation(
    anonymous: CheckedClient,
) -> None:
    body = anonymous.get(reverse("about_ai_technique", args=["speech"])).content.decode()
    active = re.search(
        r'govuk-service-navigation__item--active">\s*<a[^>]*href="([^"]+)"[^>]*aria-current', body
    )
    assert active and active.group(1) == reverse("about_ai")


def test_the_technique_question_links_to_the_explainers_in_a_new_tab(
    proposer: CheckedClient, personas: Personas
) -> None:
    url = reverse(
        "assessment_step",
        kwargs={"pk": personas.proposal_a.pk, "section": "about", "slug": "technique"},
    )
    body = proposer.get(url).content.decode()
    link = re.search(r'<a class="govuk-link" href="([^"]+)" target="_blank"[^>]*>([^<]+)</a>', body)
    assert link is not None
    assert link.group(1) == reverse("about_ai")
    assert link.group(2) == "Read about each kind of AI (opens in new tab)"
