"""A proposer does the whole job in a real browser: sign in, create a proposal, complete
every section, check answers, submit, read the result and download the proposal file.
axe-core checks every page on the way (see browser.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.contrib.auth.models import User

from coopai.web.councils.models import Council, Role
from coopai.web.councils.services import member_add
from coopai.web.proposals import services
from coopai.web.proposals.models import Proposal, Stage
from tests.e2e.browser import AuditedPage, login, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-demo-password"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def proposer(db: Any) -> str:
    council = Council.objects.create(name="Exampleshire Council", slug="exampleshire")
    member_add(council=council, username="proposer", password=PASSWORD, role=Role.PROPOSER)
    return "proposer"


def start_proposal(page: AuditedPage, title: str) -> None:
    """Sign in, start a proposal and open its first required section."""
    login(page, "proposer", PASSWORD)
    page.click(page.get_by_role("link", name="New proposal", exact=True))
    page.fill("#id_title", title)
    page.fill("#id_description", "A proposal made in a browser test.")
    page.click(page.get_by_role("button", name="Save and continue"))
    page.click(page.get_by_role("link", name="Impact on people"))


def settle(page: AuditedPage) -> None:
    """Wait for the running tier's request (sent when an answer changes) to finish."""
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def answer_page(page: AuditedPage) -> None:
    """Give an answer on whatever kind of question page this is."""
    if page.locator("#id_title").count():
        page.fill("#id_title", "Website assistant for parking questions")
        page.fill("#id_description", "Answers residents' questions about parking permits.")
    elif page.locator("input[type=number], input[inputmode=numeric]").count():
        page.locator("input[name=answer]").fill("4000")
    elif page.locator("textarea[name=answer]").count():
        page.locator("textarea[name=answer]").fill("Residents who phone out of hours.")
    elif page.locator("input[type=checkbox]").count():
        page.locator("input[type=checkbox]").nth(0).check()
        page.locator("input[type=checkbox]").nth(11).check()
    else:
        radios = page.locator("input[type=radio]")
        radios.nth(min(1, radios.count() - 1)).check()
        if page.locator("#id_evidence").count():
            page.fill("#id_evidence", "Residents' panel tested the pilot.")
    settle(page)


def test_a_proposer_completes_an_assessment_in_the_browser(
    browser_page: AuditedPage, proposer: str
) -> None:
    page = browser_page
    login(page, proposer, PASSWORD)
    assert page.locator("h1").inner_text() == "AI register"

    page.click(page.get_by_role("link", name="New proposal", exact=True))
    page.fill("#id_title", "Website assistant for parking questions")
    page.fill("#id_description", "Answers residents' questions about parking permits.")
    page.click(page.get_by_role("button", name="Save and continue"))
    task_list = page.url

    sections = page.locator(".govuk-task-list__item a").count()
    assert sections == 10
    for index in range(sections):
        page.click(page.locator(".govuk-task-list__item a").nth(index))
        while "/assessment/" in page.url:
            answer_page(page)
            page.click(page.get_by_role("button", name="Save and continue"))
        assert page.url == task_list

    statuses = page.locator(".govuk-task-list__status").all_inner_texts()
    assert [s.strip() for s in statuses] == ["Completed"] * 10
    assert "You have completed 6 of 6 required sections" in page.content()

    page.click(page.get_by_role("button", name="Check answers and submit"))
    assert page.locator("h1").inner_text() == "Check your answers"
    page.click(page.get_by_role("button", name="Submit for review"))

    assert page.locator("h1").inner_text().startswith("Review and decision: Website assistant")
    assert "Waiting for a reviewer" in page.content()
    page.click(page.get_by_role("link", name="Result", exact=True))
    assert page.locator("h1").inner_text().startswith("Result: Website assistant")
    assert re.search(r"Tier [1-4]: (Low|Moderate|High|Very high)", page.content())
    assert page.get_by_text("How the score was worked out").is_visible()
    proposal = Proposal.objects.get(title="Website assistant for parking questions")
    assert proposal.stage == Stage.SUBMITTED
    assert f"Tier {proposal.tier}:" in page.content()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="proposal file (YAML)").click()
    downloaded = yaml.safe_load(Path(download_info.value.path()).read_text(encoding="utf-8"))
    stored = {answer.key: answer.value for answer in proposal.answers.filter(part="facts")}
    assert downloaded["facts"] == stored
    assert downloaded["proposal"]["title"] == proposal.title


def test_the_running_tier_changes_as_an_answer_is_chosen(
    browser_page: AuditedPage, proposer: str
) -> None:
    page = browser_page
    start_proposal(page, "Fraud risk score")

    running = page.locator("#running-tier")
    assert running.inner_text().startswith("Not known yet")
    assert page.locator(".coopai-running-tier .coopai-tier").count() == 0
    page.get_by_label("It determines the outcome for a person.").check()
    running.get_by_text("not yet saved").wait_for()
    page.audit()  # the swapped-in content is checked too
    assert "Includes the answer on this page" in running.inner_text()
    assert "Not known yet" in running.inner_text()
    assert "point" not in running.inner_text().replace("Includes the answer", "")


@pytest.fixture
def chatbot(proposer: str) -> Proposal:
    """resident-chatbot.yaml, every question answered, owned by the proposer."""
    return services.proposal_import(
        council=Council.objects.get(slug="exampleshire"),
        user=User.objects.get(username=proposer),
        text=(EXAMPLES / "resident-chatbot.yaml").read_text(),
        file_name="resident-chatbot.yaml",
    )


def test_a_change_made_from_check_answers_comes_back_there(
    browser_page: AuditedPage, proposer: str, chatbot: Proposal
) -> None:
    page = browser_page
    login(page, proposer, PASSWORD)
    page.goto(f"/proposals/{chatbot.pk}/check/")
    card = page.locator(".govuk-summary-card", has_text="Workforce")
    assert card.locator("h2").inner_text() == "Workforce"
    page.click(card.get_by_role("link", name="Change What does the AI mean for staff jobs?"))
    assert page.get_by_role("link", name="Back to check your answers").is_visible()
    page.get_by_label("It changes what some staff do.").check()
    settle(page)
    page.click(page.get_by_role("button", name="Save and continue"))
    assert page.locator("h1").inner_text() == "Check your answers"
    assert "It changes what some staff do." in card.inner_text()
    summary = page.locator("dl", has_text="Impact tier").last.inner_text()
    assert "Tier" in summary and "Mainly because" in summary


def test_the_result_leads_with_the_recommendation_and_keeps_the_working_in_details(
    browser_page: AuditedPage, proposer: str, chatbot: Proposal
) -> None:
    page = browser_page
    login(page, proposer, PASSWORD)
    page.goto(f"/proposals/{chatbot.pk}/result/")
    headings = page.locator("main h2").all_inner_texts()
    assert headings.index("Recommendation") < headings.index("Why this tier")
    assert headings.index("Why this tier") < headings.index("Is AI the right tool?")
    working = page.locator("details#working")
    first_line = working.locator(".coopai-explanation li").first
    assert not first_line.is_visible()
    tab_to(page, "details#working summary")
    page.keyboard.press("Enter")
    assert first_line.is_visible()
    assert "What part does the AI play in decisions about people?" in first_line.inner_text()
    page.audit()  # the opened details are checked too


def test_a_question_page_can_be_completed_with_the_keyboard_alone(
    browser_page: AuditedPage, proposer: str
) -> None:
    page = browser_page
    start_proposal(page, "Translation of letters")
    question = page.url

    tab_to(page, "input[name=answer]")
    page.keyboard.press("ArrowDown")  # moves to, and selects, the second answer
    tab_to(page, "button.govuk-button", max_presses=5)
    with page.navigating():
        page.keyboard.press("Enter")

    assert page.url != question
    proposal = Proposal.objects.get(title="Translation of letters")
    assert proposal.answers.get(key="decision_role").value == "informs"


def test_a_missed_answer_shows_the_error_summary_and_focuses_it(
    browser_page: AuditedPage, proposer: str
) -> None:
    page = browser_page
    login(page, proposer, PASSWORD)
    page.click(page.get_by_role("link", name="New proposal", exact=True))
    page.click(page.get_by_role("button", name="Save and continue"))

    assert page.title().startswith("Error: Start a new proposal")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")
    summary.get_by_role("link", name="Enter a title for the proposal").click()
    assert page.evaluate("() => document.activeElement.id") == "id_title"


def test_none_of_these_unticks_the_mitigations_and_is_unticked_by_one(
    browser_page: AuditedPage, proposer: str
) -> None:
    page = browser_page
    start_proposal(page, "Letters drafted for staff to check")
    proposal = Proposal.objects.get(title="Letters drafted for staff to check")
    page.goto(f"/proposals/{proposal.pk}/assessment/mitigations/mitigations/")
    mitigation = page.get_by_label("Data protection impact assessment", exact=True)
    none = page.get_by_label("None of these", exact=True)

    mitigation.check()
    none.check()  # GOV.UK's exclusive option: the others are unticked
    assert not mitigation.is_checked()
    mitigation.check()
    assert not none.is_checked()
    none.check()
    page.click(page.get_by_role("button", name="Save and continue"))

    assert proposal.answers.get(part="mitigations").value == []
