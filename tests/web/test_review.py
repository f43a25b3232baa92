"""Deciding on the record through the pages: submit and freeze, review, conditions,
evidence that counts, votes under the council's rule, and the moves after approval."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coopai.framework.lifecycle import Stage
from coopai.web.councils.models import Council
from coopai.web.councils.services import member_add
from coopai.web.proposals import services as proposal_services
from coopai.web.proposals.models import Proposal
from coopai.web.reviews import services
from coopai.web.reviews.models import Condition, Evidence, ReviewVote

from .conftest import EXAMPLES, PASSWORD, CheckedClient, Personas, error_summary
from .lifecycle import approved, in_review, member, settle, submitted, url


def stage(proposal: Proposal) -> str:
    proposal.refresh_from_db()
    return proposal.stage


def vote(
    client: CheckedClient, proposal: Proposal, choice: str, reasons: str = "", **extra: str
) -> Any:
    return client.post(
        url("review_vote", proposal),
        {"vote": choice, "reasons": reasons or f"My reasons to {choice}.", **extra},
    )


@pytest.fixture
def reviewer(personas: Personas) -> CheckedClient:
    return personas.client_for(personas.reviewer_a)


def test_submitting_freezes_the_answers_and_records_who_when_and_why(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = personas.proposal_a
    response = proposer.post(url("proposal_submit", proposal))
    assert response.status_code == 302
    assert stage(proposal) == Stage.SUBMITTED
    move = proposal.changes.filter(field="stage").first()
    assert move is not None
    assert (move.user, move.old, move.new, move.note) == (
        personas.proposer_a,
        "draft",
        "submitted",
        "Submitted for review",
    )
    history = proposer.get(url("history", proposal)).content.decode()
    assert "Submitted for review" in history


def test_a_frozen_proposal_refuses_answers_files_and_audits(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = submitted(personas)
    before = (proposal.answers.count(), proposal.changes.count(), proposal.audit_runs.count())
    step = url("assessment_step", proposal, section="impact_on_people", slug="decision_role")
    refused = [
        proposer.post(step, {"answer": "determines"}),
        proposer.get(step),
        proposer.post(
            url("proposal_reupload", proposal),
            {
                "file": SimpleUploadedFile(
                    "p.yaml", (EXAMPLES / "resident-chatbot.yaml").read_bytes()
                )
            },
        ),
        proposer.post(
            url("evidence_upload", proposal),
            {"kind": "bias", "file": SimpleUploadedFile("o.csv", b"sex,pred\nF,1\n")},
        ),
    ]
    assert [r.status_code for r in refused] == [409, 409, 409, 409]
    assert "answers are frozen" in refused[0].content.decode()
    assert (
        proposal.answers.count(),
        proposal.changes.count(),
        proposal.audit_runs.count(),
    ) == before
    with pytest.raises(proposal_services.ProposalFrozenError):
        proposal_services.answer_set(
            proposal=proposal,
            user=personas.proposer_a,
            part="facts",
            key="decision_role",
            value="determines",
        )
    assert proposal.answers.get(key="decision_role").value == "none"


def test_withdrawing_to_draft_is_recorded_and_unfreezes_it(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = in_review(personas)
    response = proposer.post(url("move_make", proposal, move="withdraw"), {"reason": "New data"})
    assert response.status_code == 302
    assert stage(proposal) == Stage.DRAFT
    assert proposal.changes.filter(field="stage", new="draft", note="New data").exists()
    assert proposal.reviews.get().decided_at is not None  # the round ended, undecided
    step = url("assessment_step", proposal, section="impact_on_people", slug="decision_role")
    assert proposer.post(step, {"answer": "informs"}).status_code == 302


def test_a_second_submit_from_a_stale_page_changes_nothing(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = personas.proposal_a
    assert proposer.post(url("proposal_submit", proposal)).status_code == 302
    again = proposer.post(url("proposal_submit", proposal))
    assert again.status_code == 400
    assert "not possible while the proposal is submitted for review" in error_summary(again.content)
    assert proposal.changes.filter(field="stage").count() == 1


def test_an_incomplete_assessment_cannot_be_submitted(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = personas.proposal_a
    proposal.answers.filter(part="mitigations").delete()
    response = proposer.post(url("proposal_submit", proposal))
    assert response.status_code == 400
    assert "which mitigations are in place" in error_summary(response.content)
    assert stage(proposal) == Stage.DRAFT


def test_a_viewer_cannot_submit_and_a_proposer_cannot_decide(
    personas: Personas, proposer: CheckedClient
) -> None:
    proposal = personas.proposal_a
    viewer = personas.client_for(personas.viewer_a)
    assert viewer.post(url("proposal_submit", proposal)).status_code == 403
    assert stage(proposal) == Stage.DRAFT
    proposal = in_review(personas)
    assert vote(proposer, proposal, "approve").status_code == 403
    assert viewer.post(url("review_start", proposal)).status_code == 403
    assert not ReviewVote.objects.exists()
    assert stage(proposal) == Stage.IN_REVIEW


def test_nobody_decides_on_a_proposal_they_proposed(personas: Personas) -> None:
    admin = personas.client_for(personas.admin_a)
    mine = proposal_services.proposal_import(
        council=personas.council_a,
        user=personas.admin_a,
        text=(EXAMPLES / "resident-chatbot.yaml").read_text(),
        file_name="mine.yaml",
    )
    assert admin.post(url("proposal_submit", mine)).status_code == 302
    admin.post(url("review_start", mine))
    assert stage(mine) == Stage.SUBMITTED
    page = admin.get(url("review", mine)).content.decode()
    assert "Nobody may review or decide on a proposal they proposed." in page
    services.review_start(proposal=mine, membership=member(personas.reviewer_a))
    response = vote(admin, mine, "reject")
    assert response.status_code == 400
    assert "they proposed" in error_summary(response.content)
    assert not ReviewVote.objects.exists()


def test_approval_is_blocked_until_every_requirement_is_settled(
    reviewer: CheckedClient, personas: Personas
) -> None:
    proposal = in_review(personas)
    settle(personas, proposal, except_for=("dpia",))
    page = reviewer.get(url("review", proposal)).content.decode()
    assert "Approval is blocked" in page
    response = vote(reviewer, proposal, "approve")
    assert response.status_code == 400
    summary = error_summary(response.content)
    assert "Requirements still outstanding: A data protection impact assessment." in summary
    assert (stage(proposal), ReviewVote.objects.count()) == (Stage.IN_REVIEW, 0)
    assert vote(reviewer, proposal, "return", "Do the DPIA first.").status_code == 302
    assert stage(proposal) == Stage.RETURNED


def test_a_reasoned_exception_lets_it_be_approved_and_shows_with_the_decision(
    reviewer: CheckedClient, personas: Personas
) -> None:
    proposal = in_review(personas)
    settle(personas, proposal, except_for=("dpia",))
    response = reviewer.post(
        url("exception_add", proposal, requirement="dpia"),
        {"reason": "The DPIA is signed next week; approval is for the pilot only."},
    )
    assert response.status_code == 302
    assert vote(reviewer, proposal, "approve", "Good enough for a pilot.").status_code == 302
    assert stage(proposal) == Stage.APPROVED
    page = reviewer.get(url("review", proposal)).content.decode()
    assert "Exceptions recorded" in page
    assert "The DPIA is signed next week; approval is for the pilot only." in page
    assert "Decision: approved" in reviewer.get(url("result", proposal)).content.decode()
    from coopai.web.publication.models import TransparencyRecord

    reference = TransparencyRecord.objects.get(proposal=proposal).reference
    public = personas.client_for(None).get(f"/public/council-a/{reference}/").content.decode()
    assert "Approved without these requirements met" in public
    assert "The DPIA is signed next week; approval is for the pilot only." in public


def test_a_red_line_blocks_approval_outright(reviewer: CheckedClient, personas: Personas) -> None:
    proposal = personas.proposal_a
    proposal_services.answer_set(
        proposal=proposal,
        user=personas.proposer_a,
        part="facts",
        key="prohibited_practice",
        value="social_scoring",
    )
    proposal = in_review(personas, proposal)
    settle(personas, proposal)
    response = vote(reviewer, proposal, "approve")
    assert response.status_code == 400
    assert "red line blocks approval outright" in error_summary(response.content)
    assert (
        vote(reviewer, proposal, "reject", "Social scoring is outside the framework.").status_code
        == 302
    )
    assert stage(proposal) == Stage.REJECTED


def test_a_board_decides_at_its_quorum_and_the_record_says_who_voted_what(
    personas: Personas,
) -> None:
    Council.objects.filter(pk=personas.council_a.pk).update(review_quorum=2)
    proposal = in_review(personas)
    settle(personas, proposal)
    first, second = personas.client_for(personas.reviewer_a), personas.client_for(personas.admin_a)
    assert vote(first, proposal, "approve", "Evidence read.").status_code == 302
    assert stage(proposal) == Stage.IN_REVIEW
    assert vote(second, proposal, "approve", "Agreed.").status_code == 302
    assert stage(proposal) == Stage.APPROVED
    page = first.get(url("review", proposal)).content.decode()
    assert "Who voted what" in page
    assert "reviewer_a" in page and "admin_a" in page and "Evidence read." in page
    assert "2 reviewers must vote to approve" in page
    decision = proposal.changes.get(field="stage", new="approved")
    assert "reviewer_a: Evidence read." in decision.note and decision.user == personas.admin_a


def test_a_condition_makes_the_approval_conditional(
    reviewer: CheckedClient, personas: Personas
) -> None:
    proposal = in_review(personas)
    settle(personas, proposal)
    due = timezone.localdate() + timedelta(days=30)
    response = reviewer.post(
        url("condition_add", proposal),
        {
            "text": "Tell residents they are talking to AI.",
            "owner": str(personas.proposer_a.pk),
            "due-day": str(due.day),
            "due-month": str(due.month),
            "due-year": str(due.year),
        },
    )
    assert response.status_code == 302, error_summary(response.content)
    assert vote(reviewer, proposal, "approve").status_code == 302
    assert stage(proposal) == Stage.APPROVED_WITH_CONDITIONS


def test_a_condition_needs_a_real_future_date_and_an_owner(
    reviewer: CheckedClient, personas: Personas
) -> None:
    proposal = in_review(personas)
    response = reviewer.post(
        url("condition_add", proposal),
        {"text": "Do it.", "owner": "", "due-day": "31", "due-month": "2", "due-year": "2027"},
    )
    assert response.status_code == 400
    summary = error_summary(response.content)
    assert "Select who owns the condition" in summary
    assert "The due date must be a real date" in summary
    assert not Condition.objects.exists()


def test_the_conditions_owner_marks_it_met_and_only_a_reviewer_waives_with_a_reason(
    personas: Personas,
) -> None:
    proposal = in_review(personas)
    settle(personas, proposal)
    reviewer_member = member(personas.reviewer_a)
    first = services.condition_add(
        proposal=proposal,
        membership=reviewer_member,
        text="Publish the record.",
        owner=personas.viewer_a,
        due=timezone.localdate() + timedelta(days=10),
    )
    second = services.condition_add(
        proposal=proposal,
        membership=reviewer_member,
        text="Train the advisers.",
        owner=personas.proposer_a,
        due=timezone.localdate() + timedelta(days=10),
    )
    services.vote_cast(
        proposal=proposal, membership=reviewer_member, vote="approve", reasons="Fine."
    )
    viewer = personas.client_for(personas.viewer_a)
    met = viewer.post(url("condition_close", proposal, condition=first.pk), {"state": "met"})
    assert met.status_code == 302
    proposer = personas.client_for(personas.proposer_a)
    refused = proposer.post(
        url("condition_close", proposal, condition=second.pk),
        {"state": "waived", "note": "No time"},
    )
    assert refused.status_code == 400
    assert "Only a reviewer can waive a condition." in error_summary(refused.content)
    no_reason = personas.client_for(personas.reviewer_a).post(
        url("condition_close", proposal, condition=second.pk), {"state": "waived"}
    )
    assert "Give the reason for waiving the condition" in error_summary(no_reason.content)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, first.closed_by, second.state) == ("met", personas.viewer_a, "open")


def test_going_live_then_the_review_date_opens_the_periodic_review(
    personas: Personas, mailoutbox: list[Any]
) -> None:
    from django.core.management import call_command

    proposal = approved(personas)
    proposer = personas.client_for(personas.proposer_a)
    assert (
        proposer.post(url("move_make", proposal, move="go_live"), {"reason": ""}).status_code == 302
    )
    assert stage(proposal) == Stage.LIVE
    personas.proposer_a.email = "owner@council.example"
    personas.proposer_a.save()
    Proposal.objects.filter(pk=proposal.pk).update(review_date=timezone.localdate())
    call_command("send_reminders", verbosity=0)
    assert stage(proposal) == Stage.REVIEW_DUE
    assert [m.to for m in mailoutbox] == [["owner@council.example"]]
    assert "Periodic review due" in mailoutbox[0].subject
    call_command("send_reminders", verbosity=0)
    assert len(mailoutbox) == 1  # at most weekly
    reviewer = personas.client_for(personas.reviewer_a)
    nxt = timezone.localdate() + timedelta(days=365)
    response = reviewer.post(
        url("move_make", proposal, move="renew"),
        {
            "reason": "Working as intended.",
            "next_review-day": str(nxt.day),
            "next_review-month": str(nxt.month),
            "next_review-year": str(nxt.year),
        },
    )
    assert response.status_code == 302, error_summary(response.content)
    proposal.refresh_from_db()
    assert (proposal.stage, proposal.review_date) == (Stage.LIVE, nxt)
    retire = reviewer.post(url("move_make", proposal, move="retire"), {"reason": ""})
    assert retire.status_code == 400
    assert "Give the reasons" in error_summary(retire.content)
    reviewer.post(url("move_make", proposal, move="retire"), {"reason": "Replaced by a form."})
    assert stage(proposal) == Stage.RETIRED


def test_overdue_conditions_are_emailed_to_their_owner(
    personas: Personas, mailoutbox: list[Any]
) -> None:
    from django.core.management import call_command

    proposal = in_review(personas)
    settle(personas, proposal)
    personas.viewer_a.email = "viewer@council.example"
    personas.viewer_a.save()
    condition = services.condition_add(
        proposal=proposal,
        membership=member(personas.reviewer_a),
        text="Publish the record.",
        owner=personas.viewer_a,
        due=timezone.localdate() + timedelta(days=1),
    )
    Condition.objects.filter(pk=condition.pk).update(due=timezone.localdate() - timedelta(days=2))
    call_command("send_reminders", verbosity=0)
    assert mailoutbox == []  # set, but not yet a condition of an approval that stands
    services.vote_cast(
        proposal=proposal, membership=member(personas.reviewer_a), vote="approve", reasons="Yes."
    )
    call_command("send_reminders", verbosity=0)
    assert [m.to for m in mailoutbox] == [["viewer@council.example"]]
    assert "Publish the record." in mailoutbox[0].body
    attention = personas.client_for(personas.viewer_a).get("/attention/").content.decode()
    assert "Condition overdue since" in attention


def test_needs_your_attention_lists_what_waits_for_each_person(personas: Personas) -> None:
    proposal = submitted(personas)
    reviewer_page = personas.client_for(personas.reviewer_a).get("/attention/").content.decode()
    assert proposal.title in reviewer_page
    assert "waiting for a reviewer to start the review" in reviewer_page
    owner_page = personas.client_for(personas.proposer_a).get("/attention/").content.decode()
    assert "Nothing is waiting for you." in owner_page
    services.review_start(proposal=proposal, membership=member(personas.reviewer_a))
    services.vote_cast(
        proposal=proposal, membership=member(personas.reviewer_a), vote="return", reasons="Redo."
    )
    owner_page = personas.client_for(personas.proposer_a).get("/attention/").content.decode()
    assert "Returned for changes" in owner_page


def test_comments_are_kept_per_section(personas: Personas, reviewer: CheckedClient) -> None:
    proposal = in_review(personas)
    response = reviewer.post(
        url("comment_add", proposal), {"section": "impact_on_people", "text": "Who checks?"}
    )
    assert response.status_code == 302
    page = reviewer.get(url("comments", proposal)).content.decode()
    assert "Impact on people" in page and "Who checks?" in page
    assert proposal.comments.get().section == "impact_on_people"
    bad = reviewer.post(url("comment_add", proposal), {"section": "nowhere", "text": "x"})
    assert bad.status_code == 400
    assert proposal.comments.count() == 1


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"council-rule": "board", "council-quorum": ""}, "Enter how many approving votes"),
        ({"council-rule": "board", "council-quorum": "1"}, "A board needs at least 2 votes"),
        ({"council-rule": "board", "council-quorum": "12"}, "A board needs 9 votes or fewer"),
        ({"council-rule": "board", "council-quorum": "3"}, "a board of 3 could never decide"),
        ({"council-rule": "single", "council-region": "Atlantis"}, "Select a region from the list"),
        ({"council-rule": "single", "council-contact_email": "nope"}, "Enter an email address"),
    ],
)
def test_the_settings_page_refuses_a_bad_review_rule(
    personas: Personas, posted: dict[str, str], message: str
) -> None:
    admin = personas.client_for(personas.admin_a)
    response = admin.post(
        "/settings/",
        {"statement-compliance_status": "partial", "statement-response_days": "10", **posted},
    )
    assert response.status_code == 400
    assert message in error_summary(response.content)
    personas.council_a.refresh_from_db()
    assert personas.council_a.review_quorum == 1


def test_the_boards_quorum_is_asked_beside_the_rule_not_revealed_by_it(
    personas: Personas,
) -> None:
    body = personas.client_for(personas.admin_a).get("/settings/").content.decode()
    # GOV.UK Frontend marks a revealing radio aria-expanded, which ARIA does not allow on
    # a radio (axe: aria-allowed-attr)
    assert "govuk-radios__conditional" not in body
    assert 'aria-controls="conditional-council-rule' not in body
    assert 'id="council-quorum"' in body
    assert "Approving votes a board needs" in body


def test_the_administrator_sets_a_board_and_the_accessibility_statement(
    personas: Personas,
) -> None:
    admin = personas.client_for(personas.admin_a)
    assert personas.client_for(personas.reviewer_a).get("/settings/").status_code == 403
    response = admin.post(
        "/settings/",
        {
            "council-rule": "board",
            "council-quorum": "2",
            "council-region": "North West",
            "council-contact_email": "ai@council-a.example",
            "statement-compliance_status": "partial",
            "statement-non_compliance": "Some uploaded PDFs are not tagged.",
            "statement-response_days": "5",
            "statement-prepared_on": "2026-11-20",
        },
    )
    assert response.status_code == 302, error_summary(response.content)
    personas.council_a.refresh_from_db()
    assert (personas.council_a.review_quorum, personas.council_a.region) == (2, "North West")
    public = personas.client_for(None).get(f"/public/{personas.council_a.slug}/accessibility/")
    body = public.content.decode()
    assert "partially compliant" in body and "Some uploaded PDFs are not tagged." in body
    assert "within 5 working days" in body and "20 November 2026" in body


def test_a_board_of_two_reviewers_rejects_when_both_vote_to_reject(personas: Personas) -> None:
    """A second reviewer joins the council so a board of two can reach its quorum."""
    from django.contrib.auth.models import User

    member_add(
        council=personas.council_a, username="reviewer_a2", password=PASSWORD, role="reviewer"
    )
    Council.objects.filter(pk=personas.council_a.pk).update(review_quorum=2)
    proposal = in_review(personas)
    settle(personas, proposal)
    for name in ("reviewer_a", "reviewer_a2"):
        services.vote_cast(
            proposal=proposal,
            membership=member(User.objects.get(username=name)),
            vote="reject",
            reasons="Not needed.",
        )
    assert stage(proposal) == Stage.REJECTED
    assert Evidence.objects.filter(proposal=proposal).exists()


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_voting_at_once_both_count_and_decide_once(personas: Personas) -> None:
    """A board of two: both votes arrive together; neither is lost, one decision is made."""
    import threading

    from django.db import connection

    Council.objects.filter(pk=personas.council_a.pk).update(review_quorum=2)
    proposal = in_review(personas)
    settle(personas, proposal)
    results: dict[str, int] = {}
    start = threading.Barrier(2)

    def cast(user: Any) -> None:
        try:
            client = personas.client_for(user)
            start.wait()
            results[user.username] = vote(client, proposal, "approve", "Agreed.").status_code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=cast, args=(u,)) for u in (personas.reviewer_a, personas.admin_a)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == {"reviewer_a": 302, "admin_a": 302}
    assert ReviewVote.objects.filter(review__proposal=proposal).count() == 2
    assert stage(proposal) == Stage.APPROVED
    assert proposal.changes.filter(field="stage", new="approved").count() == 1


def test_a_review_keeps_the_rule_it_began_with(personas: Personas) -> None:
    """Changing the council's rule mid-review cannot turn a vote into a decision."""
    Council.objects.filter(pk=personas.council_a.pk).update(review_quorum=2)
    proposal = in_review(personas)
    settle(personas, proposal)
    first = personas.client_for(personas.reviewer_a)
    assert vote(first, proposal, "approve", "Fine.").status_code == 302
    Council.objects.filter(pk=personas.council_a.pk).update(review_quorum=1)
    second = personas.client_for(personas.admin_a)
    assert vote(second, proposal, "reject", "Not yet.").status_code == 302
    assert stage(proposal) == Stage.IN_REVIEW  # one approval, one rejection: no quorum of 2
    assert "2 reviewers must vote to approve" in first.get(url("review", proposal)).content.decode()


def test_whoever_submitted_a_proposal_cannot_review_it(personas: Personas) -> None:
    """An administrator who submits a colleague's proposal has proposed it, for review."""
    admin = personas.client_for(personas.admin_a)
    assert admin.post(url("proposal_submit", personas.proposal_a)).status_code == 302
    admin.post(url("review_start", personas.proposal_a))
    assert stage(personas.proposal_a) == Stage.SUBMITTED
    proposal = personas.proposal_a
    services.review_start(proposal=proposal, membership=member(personas.reviewer_a))
    link = services.evidence_add_link(
        proposal=proposal,
        user=personas.admin_a,
        requirement="dpia",
        title="DPIA",
        url="https://council.example/dpia",
    )
    with pytest.raises(services.RefusedError, match="did not propose it"):
        services.evidence_accept(evidence=link, membership=member(personas.admin_a), note="")


def test_nobody_accepts_evidence_they_added_themselves(personas: Personas) -> None:
    proposal = in_review(personas)
    mine = services.evidence_add_link(
        proposal=proposal,
        user=personas.reviewer_a,
        requirement="dpia",
        title="DPIA I found",
        url="https://council.example/dpia",
    )
    with pytest.raises(services.RefusedError, match="other than the person who added it"):
        services.evidence_accept(evidence=mine, membership=member(personas.reviewer_a), note="")


@pytest.mark.parametrize("day", ["\u00b2", "\u0661", "123", "x"], ids=["super", "arabic", "3", "x"])
def test_a_date_with_anything_but_plain_digits_is_refused_by_name(
    reviewer: CheckedClient, personas: Personas, day: str
) -> None:
    proposal = in_review(personas)
    response = reviewer.post(
        url("condition_add", proposal),
        {
            "text": "Do it.",
            "owner": str(personas.proposer_a.pk),
            "due-day": day,
            "due-month": "3",
            "due-year": "2027",
        },
    )
    assert response.status_code == 400
    assert "The due date must be a real date, like 27 11 2027" in error_summary(response.content)


def test_a_returned_proposals_conditions_no_longer_wait_for_anyone(personas: Personas) -> None:
    proposal = in_review(personas)
    services.condition_add(
        proposal=proposal,
        membership=member(personas.reviewer_a),
        text="CONDITION-OF-A-RETURN",
        owner=personas.proposer_a,
        due=timezone.localdate() + timedelta(days=3),
    )
    services.vote_cast(
        proposal=proposal, membership=member(personas.reviewer_a), vote="return", reasons="Redo."
    )
    page = personas.client_for(personas.proposer_a).get("/attention/").content.decode()
    assert "Returned for changes" in page
    assert "CONDITION-OF-A-RETURN" not in page


def test_votes_of_a_review_ended_by_withdrawal_stay_in_view(personas: Personas) -> None:
    Council.objects.filter(pk=personas.council_a.pk).update(review_quorum=2)
    proposal = in_review(personas)
    services.vote_cast(
        proposal=proposal,
        membership=member(personas.reviewer_a),
        vote="reject",
        reasons="REJECT-BEFORE-WITHDRAWAL",
    )
    services.proposal_withdraw(proposal=proposal, membership=member(personas.proposer_a))
    submitted(personas, proposal)
    page = personas.client_for(personas.viewer_a).get(url("review", proposal)).content.decode()
    assert "Review 1: ended without a decision" in page
    assert "REJECT-BEFORE-WITHDRAWAL" in page


def test_the_admin_site_cannot_set_a_stage(personas: Personas) -> None:
    from django.contrib.admin.sites import site

    from coopai.web.proposals.admin import ProposalAdmin

    admin = ProposalAdmin(Proposal, site)
    assert "stage" in admin.get_readonly_fields(None)  # type: ignore[arg-type]
