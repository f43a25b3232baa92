"""The question pages follow GOV.UK's patterns: "Not known" where the content allows it,
Yes before No, "None of these" as the one exclusive mitigation, examples with the help
text, and readiness asked as a question with who is best placed to answer it."""

from __future__ import annotations

import re

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from markupsafe import escape

from coopai.framework import load_framework
from coopai.framework.assessing import assess_text
from coopai.web.proposals import selectors, services
from coopai.web.proposals.models import Answer, Change, Proposal

from .conftest import EXAMPLES, CheckedClient, Personas, error_summary

NOT_KNOWN = "not-known"


def step_url(pk: int, section: str, slug: str) -> str:
    return reverse("assessment_step", kwargs={"pk": pk, "section": section, "slug": slug})


def _radio_values(body: str) -> list[str]:
    return re.findall(r'<input class="govuk-radios__input"[^>]* value="([^"]*)"', body)


def _answer_on_check(client: CheckedClient, pk: int, question: str) -> str:
    """The answer check answers gives for a question, as text."""
    body = client.get(reverse("check_answers", kwargs={"pk": pk})).content.decode()
    match = re.search(
        re.escape(str(escape(question))) + r"\s*</dt>\s*<dd[^>]*>\s*(.*?)\s*</dd>", body, re.S
    )
    assert match, f"check answers has no row for {question!r}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


# Not known


def test_a_question_that_may_be_not_known_offers_it_last_after_a_divider(
    proposer: CheckedClient, personas: Personas
) -> None:
    body = proposer.get(step_url(personas.proposal_a.pk, "data", "data_linking")).content.decode()
    assert _radio_values(body) == ["true", "false", NOT_KNOWN]
    divider = body.index('<div class="govuk-radios__divider">or</div>')
    assert body.index('value="false"') < divider < body.index(f'value="{NOT_KNOWN}"')
    # what it counts as until someone finds out, and how to find out
    assert "Counted as “Yes” until you find out." in body
    assert escape("Ask whoever will set it up which records the AI will read") in body


def test_only_questions_whose_content_allows_it_offer_not_known(
    proposer: CheckedClient, personas: Personas
) -> None:
    framework = load_framework()
    answers = selectors.checked_proposal(proposal=personas.proposal_a)
    applying = framework.applicable_facts(answers.condition_facts())
    offered = set()
    for question in framework.questions:
        if question.type == "integer" or question.id not in applying:
            continue
        url = step_url(personas.proposal_a.pk, question.section, question.id)
        if NOT_KNOWN in _radio_values(proposer.get(url).content.decode()):
            offered.add(question.id)
    allowed = {q.id for q in framework.questions if q.not_known is not None}
    assert offered == allowed & set(applying)
    assert offered  # the example reaches some of them


def test_not_known_is_stored_in_place_of_the_answer_and_scored_as_the_content_says(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = personas.proposal_a
    response = proposer.post(
        step_url(proposal.pk, "oversight", "explainability"), {"answer": NOT_KNOWN}
    )
    assert response.status_code == 302
    rows = {(a.part, a.key): a.value for a in proposal.answers.all()}
    assert rows[(Answer.Part.NOT_KNOWN, "explainability")] is True
    assert (Answer.Part.FACTS, "explainability") not in rows
    change = Change.objects.filter(proposal=proposal, field="facts.explainability").first()
    assert change is not None and (change.old, change.new) == ("partial", None)

    checked = selectors.checked_proposal(proposal=proposal)
    assert checked.not_known == ("explainability",)
    assert checked.facts["explainability"] == "none"  # the content's counts_as
    text = proposer.get(reverse("download", kwargs={"pk": proposal.pk})).content.decode()
    _, expected = assess_text(text, allow_incomplete=True)
    assert Proposal.objects.get(pk=proposal.pk).score == expected.score


def test_not_known_round_trips_to_check_answers_and_the_downloaded_file(
    proposer: CheckedClient, personas: Personas
) -> None:
    pk = personas.proposal_a.pk
    proposer.post(step_url(pk, "data", "data_leaves_uk"), {"answer": NOT_KNOWN})

    page = proposer.get(step_url(pk, "data", "data_leaves_uk")).content.decode()
    assert re.search(rf'value="{NOT_KNOWN}" checked', page)
    question = load_framework().question_by_id["data_leaves_uk"].prompt
    assert _answer_on_check(proposer, pk, question) == "Not known"
    downloaded = yaml.safe_load(proposer.get(reverse("download", kwargs={"pk": pk})).content)
    assert downloaded["not_known"] == ["data_leaves_uk"]
    assert "data_leaves_uk" not in downloaded["facts"]


def test_an_uploaded_file_with_not_known_shows_it(
    proposer: CheckedClient, personas: Personas
) -> None:
    text = (EXAMPLES / "resident-chatbot.yaml").read_text()
    text = text.replace("  supplier_trains_on_data: false\n", "")
    text += "not_known: [supplier_trains_on_data]\n"
    response = proposer.post(
        reverse("proposal_upload"), {"file": SimpleUploadedFile("chatbot.yaml", text.encode())}
    )
    assert response.status_code == 302
    pk = int(response["Location"].rstrip("/").split("/")[-1])

    page = proposer.get(step_url(pk, "data", "supplier_trains_on_data")).content.decode()
    assert re.search(rf'value="{NOT_KNOWN}" checked', page)
    question = load_framework().question_by_id["supplier_trains_on_data"].prompt
    assert _answer_on_check(proposer, pk, question) == "Not known"
    downloaded = yaml.safe_load(proposer.get(reverse("download", kwargs={"pk": pk})).content)
    assert downloaded["not_known"] == ["supplier_trains_on_data"]


def test_answering_a_not_known_question_replaces_not_known(
    proposer: CheckedClient, personas: Personas
) -> None:
    pk = personas.proposal_a.pk
    proposer.post(step_url(pk, "data", "data_linking"), {"answer": NOT_KNOWN})
    proposer.post(step_url(pk, "data", "data_linking"), {"answer": "false"})
    rows = {(a.part, a.key): a.value for a in personas.proposal_a.answers.all()}
    assert rows[(Answer.Part.FACTS, "data_linking")] is False
    assert (Answer.Part.NOT_KNOWN, "data_linking") not in rows
    assert selectors.checked_proposal(proposal=personas.proposal_a).not_known == ()


def test_not_known_is_refused_where_the_content_does_not_allow_it(
    proposer: CheckedClient, personas: Personas
) -> None:
    pk = personas.proposal_a.pk
    response = proposer.post(step_url(pk, "data", "personal_data"), {"answer": NOT_KNOWN})
    assert response.status_code == 400
    assert "Select one of the answers shown" in error_summary(response.content)
    assert not personas.proposal_a.answers.filter(part=Answer.Part.NOT_KNOWN).exists()


def test_the_running_tier_previews_not_known_as_the_answer_it_counts_as(
    proposer: CheckedClient, personas: Personas
) -> None:
    # In the care budget example, linking records is what lifts tier 3 to tier 4.
    proposal = services.proposal_import(
        council=personas.council_a,
        user=personas.proposer_a,
        text=(EXAMPLES / "care-budget-estimate.yaml").read_text(),
        file_name="care-budget-estimate.yaml",
    )
    url = reverse(
        "assessment_preview",
        kwargs={"pk": proposal.pk, "section": "data", "slug": "data_linking"},
    )
    as_yes = proposer.post(url, {"answer": "true"}, HTTP_HX_REQUEST="true").content.decode()
    as_not_known = proposer.post(
        url, {"answer": NOT_KNOWN}, HTTP_HX_REQUEST="true"
    ).content.decode()
    as_no = proposer.post(url, {"answer": "false"}, HTTP_HX_REQUEST="true").content.decode()
    assert as_not_known == as_yes
    assert "coopai-tier--4" in as_not_known
    assert "coopai-tier--3" in as_no
    # nothing was saved by previewing: the file's "No" stands
    assert proposal.answers.get(part=Answer.Part.FACTS, key="data_linking").value is False
    assert not proposal.answers.filter(part=Answer.Part.NOT_KNOWN).exists()


def test_no_answer_in_the_content_could_be_taken_for_not_known() -> None:
    from coopai.framework import available_versions

    for version in available_versions():
        for question in load_framework(version).questions:
            assert NOT_KNOWN not in [str(a.value) for a in question.answers], question.id


# Yes before No, and examples with the help


def test_yes_comes_before_no_on_every_yes_no_question(
    proposer: CheckedClient, personas: Personas
) -> None:
    framework = load_framework()
    boolean = [q for q in framework.questions if q.type == "boolean"]
    assert boolean
    for question in boolean:
        body = proposer.get(
            step_url(personas.proposal_a.pk, question.section, question.id)
        ).content.decode()
        labelled = re.findall(r'value="(true|false)"[^>]*>\s*<label[^>]*>\s*(\w+)\s*</label>', body)
        assert labelled == [("true", "Yes"), ("false", "No")], question.id


def test_each_questions_examples_are_shown_in_its_hint(
    proposer: CheckedClient, personas: Personas
) -> None:
    framework = load_framework()
    with_examples = [q for q in framework.questions if q.examples and q.applies_when is None]
    assert with_examples
    for question in with_examples:
        body = proposer.get(
            step_url(personas.proposal_a.pk, question.section, question.id)
        ).content.decode()
        hint = re.search(r'<div id="answer-hint" class="govuk-hint">(.*?)</ul>', body, re.S)
        assert hint, question.id
        assert "For example:" in hint.group(1)
        for example in question.examples:
            assert f"<li>{escape(example)}</li>" in hint.group(1), question.id


# None of these


def test_none_of_these_is_the_exclusive_last_mitigation(
    proposer: CheckedClient, personas: Personas
) -> None:
    body = proposer.get(
        step_url(personas.proposal_a.pk, "mitigations", "mitigations")
    ).content.decode()
    boxes = re.findall(r'<input class="govuk-checkboxes__input"[^>]*>', body)
    assert len(boxes) == len(load_framework().mitigations) + 1
    assert 'value="none-of-these"' in boxes[-1]
    assert 'data-behaviour="exclusive"' in boxes[-1]
    assert sum('data-behaviour="exclusive"' in box for box in boxes) == 1
    assert '<div class="govuk-checkboxes__divider">or</div>' in body
    assert "None of these" in body


def test_none_of_these_with_a_mitigation_is_refused_with_a_reason(
    proposer: CheckedClient, personas: Personas
) -> None:
    pk = personas.proposal_a.pk
    before = list(personas.proposal_a.answers.get(part="mitigations").value)
    response = proposer.post(
        step_url(pk, "mitigations", "mitigations"), {"answer": ["dpia", "none-of-these"]}
    )
    assert response.status_code == 400
    assert (
        "“None of these” cannot be selected with a mitigation: select only the mitigations "
        "in place, or only “None of these”" in error_summary(response.content)
    )
    assert personas.proposal_a.answers.get(part="mitigations").value == before


def test_none_of_these_alone_says_no_mitigation_is_in_place(
    proposer: CheckedClient, personas: Personas
) -> None:
    pk = personas.proposal_a.pk
    response = proposer.post(
        step_url(pk, "mitigations", "mitigations"), {"answer": "none-of-these"}
    )
    assert response.status_code == 302
    assert personas.proposal_a.answers.get(part="mitigations").value == []
    page = proposer.get(step_url(pk, "mitigations", "mitigations")).content.decode()
    assert re.search(r'value="none-of-these" checked', page)
    assert _answer_on_check(proposer, pk, "Which of these are already in place?") == "None"


def test_a_mitigations_page_left_empty_asks_for_an_answer(
    proposer: CheckedClient, personas: Personas
) -> None:
    # A browser posts the form's CSRF token even when nothing is ticked.
    url = step_url(personas.proposal_a.pk, "mitigations", "mitigations")
    response = proposer.post(url, {"csrfmiddlewaretoken": "token"})
    assert response.status_code == 400
    assert "Select the mitigations already in place, or select “None of these”" in error_summary(
        response.content
    )


# Readiness, asked as a question, with who answers it


def test_readiness_pages_ask_the_enablers_question_and_say_who_answers_it(
    proposer: CheckedClient, personas: Personas
) -> None:
    for enabler in load_framework().enablers:
        assert enabler.question and enabler.who_answers
        body = proposer.get(
            step_url(personas.proposal_a.pk, "readiness", enabler.id)
        ).content.decode()
        heading = re.search(r"<h1 class=\"govuk-fieldset__heading\">\s*(.*?)\s*</h1>", body)
        assert heading and heading.group(1) == escape(enabler.question)
        assert f"<title>{escape(enabler.question)}" in body
        assert f"<strong>Best answered by:</strong> {escape(enabler.who_answers)}" in body
        assert _answer_on_check(proposer, personas.proposal_a.pk, enabler.question)


@pytest.mark.parametrize(
    ("enabler", "heading"),
    [
        ("governance", "How ready is the council on governance?"),
        ("suppliers_procurement", "How ready is the council on suppliers and procurement?"),
    ],
)
def test_an_enabler_without_a_question_of_its_own_reads_as_a_question_too(
    proposer: CheckedClient, personas: Personas, enabler: str, heading: str
) -> None:
    assert load_framework("1.0").enabler_by_id[enabler].question is None
    proposal = services.proposal_create(
        council=personas.council_a, owner=personas.proposer_a, title="Old", description="Old."
    )
    Proposal.objects.filter(pk=proposal.pk).update(framework_version="1.0")
    body = proposer.get(step_url(proposal.pk, "readiness", enabler)).content.decode()
    assert f"<title>{heading}" in body
    assert "Best answered by" not in body
