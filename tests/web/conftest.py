"""Personas shared by every web test, and a client that checks every HTML page it gets."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import html5lib
import pytest
from django.contrib.auth.models import User
from django.test import Client

from coopai.web.councils.models import Council, Role
from coopai.web.councils.services import member_add
from coopai.web.proposals import services
from coopai.web.proposals.models import Proposal

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PASSWORD = "a-long-test-password-1"


class PageError(AssertionError):
    pass


def check_html(body: str, where: str) -> None:
    """Valid HTML, exactly one h1, a title that starts with it, and forms with an action."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        tree = parser.parse(body)
    except html5lib.html5parser.ParseError as error:
        raise PageError(f"{where}: invalid HTML ({error})") from error
    headings = tree.findall(".//h1")
    if len(headings) != 1:
        raise PageError(f"{where}: {len(headings)} h1 elements; a page has exactly one")
    h1 = " ".join("".join(headings[0].itertext()).split())
    title_element = tree.find(".//title")
    title = " ".join("".join(title_element.itertext()).split()) if title_element is not None else ""
    if not title.removeprefix("Error: ").startswith(h1):
        raise PageError(f"{where}: the title {title!r} does not start with the h1 {h1!r}")
    for form in tree.findall(".//form"):
        if not form.get("action"):
            raise PageError(f"{where}: a form has no action")


class CheckedClient(Client):
    """A test client that checks every HTML response it receives."""

    def request(self, **request: Any) -> Any:
        response = super().request(**request)
        content_type = response.get("Content-Type", "")
        if (
            content_type.startswith("text/html")
            and response.status_code != 302
            and response.content
            and not request.get("HTTP_HX_REQUEST")
        ):
            where = f"{request.get('REQUEST_METHOD')} {request.get('PATH_INFO')}"
            check_html(response.content.decode(), where)
        return response


@dataclass
class Personas:
    council_a: Council
    council_b: Council
    proposer_a: User
    reviewer_a: User
    admin_a: User
    viewer_a: User
    user_b: User
    proposal_a: Proposal
    proposal_b: Proposal

    def client_for(self, user: User | None) -> CheckedClient:
        client = CheckedClient()
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """Hashing passwords properly is slow by design; tests do not need that."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def personas(db: Any) -> Personas:
    a = Council.objects.create(name="Council A", slug="council-a", brand_colour="#1f5c4a")
    b = Council.objects.create(name="Council B", slug="council-b", brand_colour="#4c2c69")
    people = {
        name: member_add(council=council, username=name, password=PASSWORD, role=role)
        for name, council, role in [
            ("proposer_a", a, Role.PROPOSER),
            ("reviewer_a", a, Role.REVIEWER),
            ("admin_a", a, Role.ADMINISTRATOR),
            ("viewer_a", a, Role.VIEWER),
            ("user_b", b, Role.PROPOSER),
        ]
    }
    text = (EXAMPLES / "resident-chatbot.yaml").read_text()
    proposal_a = services.proposal_import(
        council=a, user=people["proposer_a"], text=text, file_name="resident-chatbot.yaml"
    )
    proposal_b = services.proposal_import(
        council=b, user=people["user_b"], text=text, file_name="resident-chatbot.yaml"
    )
    return Personas(
        a,
        b,
        people["proposer_a"],
        people["reviewer_a"],
        people["admin_a"],
        people["viewer_a"],
        people["user_b"],
        proposal_a,
        proposal_b,
    )


def with_red_line(personas: Personas) -> Proposal:
    """Council A's proposal answered as social scoring, a practice that crosses a red line."""
    services.answer_set(
        proposal=personas.proposal_a,
        user=personas.proposer_a,
        part="facts",
        key="prohibited_practice",
        value="social_scoring",
    )
    return personas.proposal_a


@pytest.fixture
def proposer(personas: Personas) -> CheckedClient:
    return personas.client_for(personas.proposer_a)


@pytest.fixture
def anonymous() -> CheckedClient:
    return CheckedClient()


def error_summary(body: bytes) -> str:
    """The text of the error summary, flattened, or '' when there is none."""
    match = re.search(rb'<div class="govuk-error-summary".*?</div>\s*</div>', body, re.S)
    if not match:
        return ""
    return html.unescape(" ".join(re.sub(rb"<[^>]+>", b" ", match.group(0)).decode().split()))
