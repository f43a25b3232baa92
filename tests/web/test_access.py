"""Every URL has an access rule, and no proposal URL lets another council or a stranger in."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import Personas

# Every named route that takes a proposal, with any extra arguments it needs.
PROPOSAL_ROUTES: dict[str, dict[str, str]] = {
    "proposal": {},
    "proposal_reupload": {},
    "assessment_step": {"section": "impact_on_people", "slug": "decision_role"},
    "assessment_preview": {"section": "impact_on_people", "slug": "decision_role"},
    "check_answers": {},
    "proposal_submit": {},
    "result": {},
    "history": {},
    "download": {},
    "rescore": {},
    "evidence": {},
    "evidence_upload": {},
    "evidence_run": {"run": "1"},
    "evidence_mapping": {"run": "1"},
    "evidence_progress": {"run": "1"},
    "evidence_report": {"run": "1", "fmt": "html"},
    "evidence_attach": {"run": "1"},
    "evidence_delete_upload": {"run": "1"},
    "review": {},
    "review_start": {},
    "review_vote": {},
    "condition_add": {},
    "condition_close_form": {"condition": "1"},
    "condition_close": {"condition": "1"},
    "condition_remove": {"condition": "1"},
    "move_confirm": {"move": "withdraw"},
    "move_make": {"move": "withdraw"},
    "checklist": {},
    "evidence_add": {"requirement": "dpia"},
    "exception_add": {"requirement": "dpia"},
    "evidence_accept": {"evidence": "1"},
    "evidence_withdraw": {"evidence": "1"},
    "evidence_document": {"evidence": "1"},
    "exception_remove": {"exception": "1"},
    "comments": {},
    "comment_add": {},
    "committee_report": {"fmt": "pdf"},
    "transparency": {},
    "transparency_edit": {},
}
# POST routes a viewer may call all the same: the condition's owner can be anyone in the
# council, so the service decides who may close a condition (tests/web/test_review.py).
VIEWER_MAY_POST = {"condition_close"}


def _patterns(resolver: URLResolver, prefix: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django's admin: staff only, by its own rules
            found += _patterns(entry, prefix + str(entry.pattern))
        else:
            found.append((prefix + str(entry.pattern), entry))
    return found


def _methods(name: str) -> tuple[str, ...]:
    pattern = next(p for _, p in _patterns(get_resolver()) if p.name == name)
    return tuple(pattern.callback.allowed_methods)  # type: ignore[attr-defined]


def test_every_url_declares_an_access_rule_and_its_methods() -> None:
    missing = [
        route
        for route, pattern in _patterns(get_resolver())
        if not hasattr(pattern.callback, "access_rule")
        or not hasattr(pattern.callback, "allowed_methods")
    ]
    assert missing == []


def test_every_proposal_route_is_covered_by_these_tests() -> None:
    named = {
        pattern.name
        for _, pattern in _patterns(get_resolver())
        if "pk" in pattern.pattern.regex.groupindex
    }
    assert named == set(PROPOSAL_ROUTES)


def _url(name: str, pk: int) -> str:
    return reverse(name, kwargs={"pk": pk, **PROPOSAL_ROUTES[name]})


# Each route with each method it declares: GET and POST are checked separately.
ROUTE_METHODS = [(name, method) for name in sorted(PROPOSAL_ROUTES) for method in ("GET", "POST")]


@pytest.mark.parametrize(("name", "method"), ROUTE_METHODS)
def test_anonymous_visitors_are_sent_to_sign_in(personas: Personas, name: str, method: str) -> None:
    client = personas.client_for(None)
    response = getattr(client, method.lower())(_url(name, personas.proposal_a.pk))
    if method not in _methods(name):
        assert response.status_code in (302, 405)
        return
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("name", "method"), [(n, m) for n, m in ROUTE_METHODS if m not in _methods(n)]
)
def test_a_method_a_route_does_not_declare_is_refused(
    personas: Personas, name: str, method: str
) -> None:
    client = personas.client_for(personas.admin_a)
    assert getattr(client, method.lower())(_url(name, personas.proposal_a.pk)).status_code == 405


def _state(proposal: Any) -> tuple[Any, ...]:
    proposal.refresh_from_db()
    return (
        proposal.stage,
        proposal.answers.count(),
        proposal.changes.count(),
        proposal.comments.count(),
        proposal.evidence.count(),
    )


@pytest.mark.parametrize(("name", "method"), ROUTE_METHODS)
def test_another_councils_member_cannot_see_or_change_a_proposal(
    personas: Personas, name: str, method: str
) -> None:
    before = _state(personas.proposal_a)
    response = getattr(personas.client_for(personas.user_b), method.lower())(
        _url(name, personas.proposal_a.pk), {"answer": "determines", "text": "x", "vote": "approve"}
    )
    assert response.status_code in (403, 404, 405)
    assert b"Resident" not in response.content
    assert _state(personas.proposal_a) == before


@pytest.mark.parametrize(
    "name", sorted(n for n in PROPOSAL_ROUTES if "POST" in _methods(n) and n not in VIEWER_MAY_POST)
)
def test_a_viewer_can_change_nothing(personas: Personas, name: str) -> None:
    before = _state(personas.proposal_a)
    response = personas.client_for(personas.viewer_a).post(
        _url(name, personas.proposal_a.pk), {"answer": "determines", "text": "x", "vote": "approve"}
    )
    assert response.status_code == 403
    assert _state(personas.proposal_a) == before


@pytest.mark.parametrize("name", ["register", "register_export", "proposal_new", "proposal_upload"])
def test_council_pages_need_sign_in(personas: Personas, name: str) -> None:
    kwargs: dict[str, Any] = {"fmt": "csv"} if name == "register_export" else {}
    response = personas.client_for(None).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_register_shows_only_the_councils_own_proposals(personas: Personas) -> None:
    personas.proposal_b.title = "Only in council B"
    personas.proposal_b.save()
    page = personas.client_for(personas.proposer_a).get(reverse("register")).content.decode()
    assert personas.proposal_a.title in page
    assert "Only in council B" not in page


@pytest.mark.parametrize("who", ["reviewer_a", "viewer_a"])
def test_reviewers_and_viewers_read_but_cannot_change(personas: Personas, who: str) -> None:
    client = personas.client_for(getattr(personas, who))
    pk = personas.proposal_a.pk
    assert client.get(reverse("result", kwargs={"pk": pk})).status_code == 200
    assert client.get(reverse("proposal_new")).status_code == 403
    step = _url("assessment_step", pk)
    assert client.post(step, {"answer": "determines"}).status_code == 403
    assert personas.proposal_a.answers.get(key="decision_role").value == "none"


def test_a_proposer_cannot_change_a_colleagues_proposal_but_an_administrator_can(
    personas: Personas,
) -> None:
    from coopai.web.councils.services import member_add

    other = member_add(
        council=personas.council_a,
        username="proposer_a2",
        password="a-long-test-password-1",
        role="proposer",
    )
    step = _url("assessment_step", personas.proposal_a.pk)
    assert personas.client_for(other).post(step, {"answer": "informs"}).status_code == 404
    response = personas.client_for(personas.admin_a).post(step, {"answer": "informs"})
    assert response.status_code == 302
    assert personas.proposal_a.answers.get(key="decision_role").value == "informs"


def test_signing_in_and_out(personas: Personas) -> None:
    client = personas.client_for(None)
    response = client.post(
        reverse("login"), {"username": "proposer_a", "password": "a-long-test-password-1"}
    )
    assert response.status_code == 302
    assert client.get(reverse("register")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("register")).status_code == 302


def test_a_wrong_password_is_refused_with_the_error_pattern(personas: Personas) -> None:
    response = personas.client_for(None).post(
        reverse("login"), {"username": "proposer_a", "password": "nope"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error: Sign in" in body
    assert "There is a problem" in body


@pytest.mark.parametrize(
    ("name", "who", "posted"),
    [
        ("login", None, {"username": "proposer_a", "password": "nope"}),
        ("proposal_new", "proposer_a", {"title": "", "description": ""}),
        ("proposal_upload", "proposer_a", {}),
    ],
)
def test_a_form_page_answers_200_when_shown_and_400_when_shown_again_with_errors(
    personas: Personas, name: str, who: str | None, posted: dict[str, str]
) -> None:
    client = personas.client_for(getattr(personas, who) if who else None)
    assert client.get(reverse(name)).status_code == 200
    response = client.post(reverse(name), posted)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
