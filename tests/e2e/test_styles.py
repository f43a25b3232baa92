"""coopai's own classes, on real pages rendered by the server in a council's brand colour,
pass axe (contrast above all) and carry no GOV.UK branding."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopai.web.councils.models import Council, Role
from coopai.web.councils.services import member_add
from coopai.web.proposals import services
from coopai.web.proposals.models import Proposal
from tests.e2e.browser import STYLESHEET, AuditedPage, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-demo-password"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _council_with_every_tier(brand: str) -> list[Proposal]:
    council = Council.objects.create(name="Exampleshire Council", slug="exampleshire")
    council.brand_colour = brand
    council.save()
    user = member_add(council=council, username="proposer", password=PASSWORD, role=Role.PROPOSER)
    return [
        services.proposal_import(
            council=council, user=user, file_name=path.name, text=path.read_text()
        )
        for path in sorted(EXAMPLES.glob("*.yaml"))
    ]


@pytest.mark.parametrize("brand", ["#1f5c4a", "#4c2c92", "#0b0c0c"])
def test_the_register_and_a_result_pass_axe_in_a_brand_colour(
    browser_page: AuditedPage, brand: str
) -> None:
    proposals = _council_with_every_tier(brand)
    login(browser_page, "proposer", PASSWORD)

    browser_page.goto("/register/")
    header = browser_page.locator(".govuk-generic-header")
    assert header.evaluate("e => getComputedStyle(e).fontFamily").startswith("system-ui")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == _rgb(brand)
    tiers = browser_page.locator(".coopai-tier").all_inner_texts()
    assert {text.split(":")[0].strip() for text in tiers} >= {
        "Tier 1",
        "Tier 2",
        "Tier 3",
        "Tier 4",
    }

    highest = max(proposals, key=lambda proposal: proposal.tier or 0)
    browser_page.goto(f"/proposals/{highest.pk}/result/")
    bar = browser_page.locator(".coopai-chart__bar").first
    assert bar.evaluate("e => getComputedStyle(e).fill") == _rgb(brand)


def test_the_stylesheet_carries_no_gov_uk_branding() -> None:
    css = STYLESHEET.read_text()

    assert "GDS Transport" not in css
    assert "@font-face" not in css


def _rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"
