"""The review rules: the tally under a quorum, what counts as evidence, and which
requirements block an approval or going live."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopai.framework import Framework, assess, check_proposal
from coopai.framework.lifecycle import Stage
from coopai.framework.review import (
    Closer,
    EvidenceFact,
    EvidenceKind,
    ItemStatus,
    ReviewRule,
    Vote,
    acceptance_problems,
    adding_problems,
    checklist,
    closing_problems,
    evidence_words,
    tally,
    unsettled_for_approval,
    unsettled_for_going_live,
    withdrawal_problems,
)

IN_REVIEW: dict[str, Any] = {"stage": Stage.IN_REVIEW, "accepter_added_it": False}
A, AC, RT, RJ = Vote.APPROVE, Vote.APPROVE_WITH_CONDITIONS, Vote.RETURN, Vote.REJECT
AUDIT = EvidenceKind.AUDIT


def test_one_reviewer_decides_at_once() -> None:
    single = ReviewRule()
    assert tally([A], single, conditions=0) is A
    assert tally([RJ], single, conditions=0) is RJ
    assert tally([RT], single, conditions=0) is RT
    assert tally([], single, conditions=0) is None


def test_a_board_waits_for_its_quorum_of_approvals() -> None:
    board = ReviewRule(quorum=3)
    assert tally([A, A], board, conditions=0) is None
    assert tally([A, A, RJ], board, conditions=0) is None
    assert tally([A, AC, A], board, conditions=0) is AC


def test_conditions_make_any_approval_one_with_conditions() -> None:
    assert tally([A], ReviewRule(), conditions=1) is AC
    assert tally([A, A], ReviewRule(quorum=2), conditions=0) is A


def test_against_votes_that_are_not_all_rejections_return_it() -> None:
    board = ReviewRule(quorum=2)
    assert tally([RJ, RJ], board, conditions=0) is RJ
    assert tally([RJ, RT], board, conditions=0) is RT
    assert tally([A, RJ], board, conditions=0) is None


@pytest.mark.parametrize("quorum", [0, 10, -1])
def test_a_quorum_outside_one_to_nine_is_refused(quorum: int) -> None:
    with pytest.raises(ValueError, match="quorum"):
        ReviewRule(quorum=quorum)


def test_the_rule_describes_itself_for_the_decision_record() -> None:
    assert ReviewRule().describe() == "One reviewer decides."
    assert "2 reviewers must vote to approve" in ReviewRule(quorum=2).describe()


@given(st.lists(st.sampled_from(list(Vote)), max_size=12), st.integers(1, 9), st.integers(0, 3))
def test_a_decision_always_has_its_quorum_behind_it(
    votes: list[Vote], quorum: int, conditions: int
) -> None:
    outcome = tally(votes, ReviewRule(quorum=quorum), conditions=conditions)
    approvals = sum(v in (A, AC) for v in votes)
    if outcome in (A, AC):
        assert approvals >= quorum
    elif outcome is RJ:
        assert votes.count(RJ) >= quorum
    elif outcome is RT:
        assert len(votes) - approvals >= quorum
    else:
        assert approvals < quorum and len(votes) - approvals < quorum


def test_an_accepted_audit_is_met_but_an_attached_one_is_not() -> None:
    attached = EvidenceFact(AUDIT, flagged=2)
    assert (
        evidence_words(attached) == "Evidence attached — 2 differences flagged, awaiting a reviewer"
    )
    assert evidence_words(EvidenceFact(AUDIT, flagged=0)).startswith(
        "Evidence attached — no differences flagged"
    )
    assert evidence_words(EvidenceFact(EvidenceKind.LINK, accepted=True)) == "Evidence accepted"


def test_a_flagged_audit_is_accepted_only_with_a_note() -> None:
    flagged = EvidenceFact(AUDIT, flagged=2)
    (problem,) = acceptance_problems(flagged, "  ", **IN_REVIEW)
    assert "2 differences" in problem
    note = "Retrain with balanced data; re-audit in March."
    assert acceptance_problems(flagged, note, **IN_REVIEW) == []
    assert acceptance_problems(EvidenceFact(AUDIT, flagged=0), "", **IN_REVIEW) == []


@pytest.mark.parametrize(
    "fact",
    [EvidenceFact(AUDIT, audit_done=False), EvidenceFact(AUDIT, withdrawn=True, flagged=0)],
    ids=["failed", "withdrawn"],
)
def test_a_failed_or_withdrawn_audit_never_counts(fact: EvidenceFact) -> None:
    assert not fact.usable
    assert acceptance_problems(fact, "a note", **IN_REVIEW) == [
        "A failed or withdrawn audit cannot count as evidence."
    ]


@pytest.fixture
def chatbot(framework: Framework, base_proposal: dict[str, Any]) -> Any:
    """A tier 2 or more proposal with personal data, so several requirements apply."""
    data = _with(
        base_proposal,
        affected_people="public",
        public_facing=True,
        personal_data="personal",
        people_per_year=20000,
        data_linking=False,
        data_leaves_uk=False,
    )
    data["mitigations"] = ["dpia", "bias_audit"]
    return assess(check_proposal(data, framework), framework)


def _with(data: dict[str, Any], **facts: Any) -> dict[str, Any]:
    data["facts"].update(facts)
    return data


def _status(items: list[Any], requirement: str) -> ItemStatus:
    return next(i.status for i in items if i.requirement_id == requirement)


def test_a_mitigation_ticked_is_only_claimed_until_evidence_is_accepted(
    chatbot: Any, framework: Framework
) -> None:
    ids = {r.id for r in chatbot.requirements}
    assert {"dpia", "transparency_record"} <= ids
    plain = checklist(chatbot, framework, {})
    assert _status(plain, "dpia") is ItemStatus.CLAIMED
    assert _status(plain, "transparency_record") is ItemStatus.OUTSTANDING
    awaiting = checklist(chatbot, framework, {"dpia": [EvidenceFact(EvidenceKind.DOCUMENT)]})
    assert _status(awaiting, "dpia") is ItemStatus.AWAITING
    met = checklist(
        chatbot, framework, {"dpia": [EvidenceFact(EvidenceKind.DOCUMENT, accepted=True)]}
    )
    assert _status(met, "dpia") is ItemStatus.MET


def test_withdrawn_evidence_that_was_accepted_no_longer_counts(
    chatbot: Any, framework: Framework
) -> None:
    gone = EvidenceFact(EvidenceKind.DOCUMENT, accepted=True, withdrawn=True)
    assert _status(checklist(chatbot, framework, {"dpia": [gone]}), "dpia") is ItemStatus.CLAIMED


def test_an_exception_settles_a_requirement_and_approval_needs_all_settled(
    chatbot: Any, framework: Framework
) -> None:
    items = checklist(chatbot, framework, {}, {"transparency_record"})
    assert _status(items, "transparency_record") is ItemStatus.EXCEPTED
    unsettled = unsettled_for_approval(items)
    assert "A published transparency record" not in unsettled
    assert "A data protection impact assessment" in unsettled


def test_ethics_board_sign_off_is_met_by_the_decision_and_cabinet_blocks_going_live(
    framework: Framework, base_proposal: dict[str, Any]
) -> None:
    data = _with(
        base_proposal,
        decision_role="determines",
        decision_significance="significant",
        affected_people="vulnerable",
        people_per_year=50000,
        personal_data="special_category",
        data_linking=True,
        data_leaves_uk=False,
    )
    result = assess(check_proposal(data, framework), framework)
    items = checklist(result, framework, {})
    decisions = {i.requirement_id: i for i in items if i.decision}
    assert decisions["ethics_board_sign_off"].status is ItemStatus.BY_DECISION
    assert "Cabinet approval" not in unsettled_for_approval(items)
    assert unsettled_for_going_live(items) == [decisions["cabinet_approval"].name]


def test_the_next_review_is_the_earliest_date_given_or_a_year_on() -> None:
    from datetime import date

    from coopai.framework.review import months_after, next_review_date

    decided = date(2026, 11, 27)
    assert next_review_date([None, None], decided=decided) == date(2027, 11, 27)
    assert next_review_date([date(2027, 6, 1), None, date(2027, 3, 1)], decided=decided) == date(
        2027, 3, 1
    )
    assert months_after(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert months_after(date(2027, 11, 30), 3) == date(2028, 2, 29)


def test_evidence_is_accepted_in_a_review_or_after_approval_by_someone_else() -> None:
    link = EvidenceFact(EvidenceKind.LINK)
    assert acceptance_problems(link, "", stage=Stage.SUBMITTED, accepter_added_it=False) == [
        "Evidence is accepted during a review: start the review first."
    ]
    assert acceptance_problems(link, "", stage=Stage.LIVE, accepter_added_it=False) == []
    assert acceptance_problems(link, "", stage=Stage.IN_REVIEW, accepter_added_it=True) == [
        "Evidence is accepted by someone other than the person who added it."
    ]


def test_evidence_is_added_until_the_record_closes_and_withdrawn_until_decided() -> None:
    assert adding_problems(Stage.DRAFT) == adding_problems(Stage.LIVE) == []
    assert adding_problems(Stage.RETIRED) == adding_problems(Stage.REJECTED) != []
    accepted = EvidenceFact(EvidenceKind.DOCUMENT, accepted=True)
    assert withdrawal_problems(accepted, stage=Stage.IN_REVIEW) == []
    assert withdrawal_problems(accepted, stage=Stage.APPROVED) == [
        "Accepted evidence behind a decision stays on the record."
    ]
    gone = EvidenceFact(EvidenceKind.DOCUMENT, withdrawn=True)
    assert withdrawal_problems(gone, stage=Stage.DRAFT) == ["This evidence is already withdrawn."]


@pytest.mark.parametrize(
    ("target", "closer", "note", "expected"),
    [
        ("met", Closer(reviewer=False, owner=True, editor=False), "", []),
        ("met", Closer(reviewer=False, owner=False, editor=True), "", []),
        ("met", Closer(reviewer=False, owner=False, editor=False), "", ["Only the condition's"]),
        ("waived", Closer(reviewer=False, owner=True, editor=True), "why", ["Only a reviewer"]),
        ("waived", Closer(reviewer=True, owner=False, editor=False), " ", ["Give the reason"]),
        ("waived", Closer(reviewer=True, owner=False, editor=False), "Obsolete.", []),
        ("open", Closer(reviewer=True, owner=True, editor=True), "", ["A condition is closed"]),
    ],
)
def test_who_may_close_a_condition_and_how(
    target: str, closer: Closer, note: str, expected: list[str]
) -> None:
    problems = closing_problems(target, current="open", note=note, closer=closer)
    assert [p[: len(e)] for p, e in zip(problems, expected, strict=True)] == expected
    assert closing_problems("met", current="met", note="", closer=closer) == [
        "This condition is already met."
    ]
