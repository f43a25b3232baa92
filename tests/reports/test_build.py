"""The report's structure: what page one says, in what order, and that every word is the
framework's or the result's, never an id."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from coopai.framework import Framework
from coopai.framework.assessing import assess_text
from coopai.framework.review import ChecklistItem, EvidenceLine, ItemStatus
from coopai.reports import Report, build_report
from coopai.reports.document import Bullets, Chart, Fields, Paragraph, Section, Table
from tests.reports.conftest import AUDIT_FINDING, CONDITION, decision, report_input


def words(sections: Iterable[Section]) -> Iterator[str]:
    for section in sections:
        yield section.heading
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield block.lead
                yield block.text
            elif isinstance(block, Fields):
                yield from (part for item in block.items for part in item)
            elif isinstance(block, Bullets):
                yield from block.items
            else:
                table = block.table if isinstance(block, Chart) else block
                yield table.title
                yield from table.header
                yield from (cell for row in table.rows for cell in row)


def text(sections: Iterable[Section]) -> str:
    return "\n".join(words(sections))


def section(report: Report, heading: str) -> Section:
    return next(s for s in (*report.summary, *report.detail) if s.heading == heading)


def test_page_one_is_in_the_order_a_councillor_reads_it(decided_report: Report) -> None:
    assert [s.heading for s in decided_report.summary] == [
        "What it is",
        "Why",
        "Impact",
        "Recommendation",
        "Red lines",
        "Decision",
        "Audit findings",
    ]
    assert decided_report.title == "Transcribing and drafting adult social care case notes"
    assert dict(decided_report.facts.items) == {
        "Council": "Exampleshire Council",
        "Service area": "Adult social care",
        "Kind of AI": "Productivity support, Speech",
        "Date": "14 May 2026",
        "Stage": "Approved with conditions",
    }


def test_page_one_gives_the_tier_recommendation_and_decision_in_words(
    decided_report: Report,
) -> None:
    page_one = text(decided_report.summary)
    assert "Tier 3: High." in page_one
    assert "Pilot first." in page_one
    assert "Staff hours freed each year\n20,000" in page_one
    assert "Suitability: Worth exploring with care." in page_one
    assert "Approved with conditions on 12 May 2026." in page_one
    assert "A board decides: 2 reviewers" in page_one
    assert CONDITION in page_one
    assert AUDIT_FINDING in page_one
    assert "No red lines." in page_one


def test_without_a_decision_page_one_says_not_yet_decided(red_line_report: Report) -> None:
    page_one = text(red_line_report.summary)
    assert "Not yet decided." in page_one
    assert "No audits attached." in page_one
    assert "Stage" not in dict(red_line_report.facts.items)
    assert "Not yet decided." in text([section(red_line_report, "Decision record")])


def test_a_red_line_comes_with_how_to_resolve_it(red_line_report: Report) -> None:
    (paragraph,) = section(red_line_report, "Red lines").blocks
    assert paragraph == Paragraph(
        "To resolve: Put a person in the decision, or put in place a way to challenge the "
        "outcome with human intervention and publish a transparency record telling people "
        "about the automated decision, with legal advice on the lawful basis.",
        lead="A significant decision made by AI alone, without safeguards.",
        warning=True,
    )
    assert "Do not proceed." in text(red_line_report.summary)
    working = text([section(red_line_report, "How the score was worked out")])
    assert "Red line: A significant decision made by AI alone, without safeguards." in working
    assert (
        "raises the tier to at least 4 and makes the recommendation \u201cDo not proceed\u201d"
        in working
    )


def test_every_figure_is_the_results_own(framework: Framework) -> None:
    given = report_input("social-care-note-taking", framework)
    result = given.result
    working = text([section(build_report(given), "How the score was worked out")])
    assert f"{result.impact.raw} of the {result.impact.maximum} points that apply" in working
    assert f"{result.mitigation.credit} of a possible {result.mitigation.maximum}" in working
    assert f"gives {result.score} points" in working
    assert "Gate: Sensitive data about vulnerable people, at least tier 3." in working
    answers = [line for line in result.impact.lines if line.applies]
    for line in answers:
        assert f"{line.prompt}\n{line.answer_label}\n{line.points} of {line.maximum}" in working


def test_no_id_shows_where_a_name_belongs(framework: Framework, decided_report: Report) -> None:
    chatbot = build_report(report_input("resident-chatbot", framework))
    ids = {
        item.id
        for part in (
            framework.questions,
            framework.mitigations,
            framework.requirements,
            framework.principles,
            framework.enablers,
            framework.risks,
        )
        for item in part
        if "_" in item.id  # one-word ids (bias, security) are also plain words
    }
    for report in (decided_report, chatbot):
        everything = text((*report.summary, *report.detail))
        shown = set(re.findall(r"[a-z]+(?:_[a-z]+)+", everything))
        assert shown & ids == set()


def test_the_checklist_gives_each_requirement_its_evidence(framework: Framework) -> None:
    checklist = [
        EvidenceLine(
            ChecklistItem(
                "dpia",
                "A data protection impact assessment",
                ItemStatus.MET,
                "Met: evidence accepted",
            ),
            ("DPIA v2, signed by the DPO on 2 April 2026",),
        ),
        EvidenceLine(
            ChecklistItem("monitoring", "A monitoring plan", ItemStatus.OUTSTANDING, "Outstanding")
        ),
    ]
    given = report_input("social-care-note-taking", framework, checklist=checklist)
    (table,) = section(build_report(given), "What must be done").blocks
    assert isinstance(table, Table)
    assert table.header[-1] == "Evidence"
    rows = {row[0]: row for row in table.rows}
    assert rows["A data protection impact assessment"][2:] == (
        "Met: evidence accepted",
        "Data protection impact assessment",
        "DPIA v2, signed by the DPO on 2 April 2026",
    )
    assert rows["A monitoring plan"][-1] == "None yet"
    assert rows["Established AI governance"][2:4] == (
        "Met",
        "Governance rated 2 (Established) or more",
    )


def test_without_a_checklist_requirements_have_no_evidence_column(decided_report: Report) -> None:
    (table,) = section(decided_report, "What must be done").blocks
    assert isinstance(table, Table)
    assert table.header == ("Requirement", "From tier", "Status", "What shows it is met")
    assert table.rows[-1][:3] == ("Ethics board sign-off with a review date", "3", "At decision")


def test_the_decision_record_has_every_vote_exception_and_condition(
    decided_report: Report,
) -> None:
    record = section(decided_report, "Decision record").blocks
    tables = {block.title: block for block in record if isinstance(block, Table)}
    assert tables["Votes"].rows == (
        (
            "Priya Shah",
            "Approve with conditions",
            "10 May 2026 at 9:30am",
            "Only once accents are tested.",
        ),
        ("Tom Evans", "Approve", "12 May 2026 at 2:05pm", "Clear benefit to practitioners."),
    )
    assert tables["Exceptions"].rows == (
        ("An evaluated pilot", "The first three months in one team are the pilot.", "Priya Shah"),
    )
    conditions = {row[0]: row[1:] for row in tables["Conditions"].rows}
    assert conditions[CONDITION] == ("Head of adult social care", "30 June 2026", "Open", "")
    # Due on 1 May and still open when the report was made on 14 May.
    assert conditions["Publish the updated transparency record"][2] == "Open, overdue"
    facts = record[0]
    assert isinstance(facts, Fields)
    assert ("Review date", "12 May 2027") in facts.items


def test_times_are_given_in_uk_time(framework: Framework) -> None:
    winter = dataclasses.replace(decision(), at=datetime(2026, 1, 5, 23, 30, tzinfo=UTC))
    summer = dataclasses.replace(decision(), at=datetime(2026, 7, 5, 23, 30, tzinfo=UTC))
    given = report_input("social-care-note-taking", framework)
    for record, shown in ((winter, "5 January 2026"), (summer, "6 July 2026")):
        report = build_report(dataclasses.replace(given, decision=record))
        assert f"Approved with conditions on {shown}." in text(report.summary)


def test_the_charts_and_their_tables_give_the_same_figures(decided_report: Report) -> None:
    for heading in ("Co-operative principles", "Readiness"):
        (chart,) = section(decided_report, heading).blocks
        assert isinstance(chart, Chart)
        assert [(bar.label, bar.shown) for bar in chart.bars] == [
            row[:2] for row in chart.table.rows
        ]
    (principles,) = section(decided_report, "Co-operative principles").blocks
    assert isinstance(principles, Chart)
    assert ("Augment, not replace", 3, "3 of 3") in [
        (bar.label, bar.value, bar.shown) for bar in principles.bars
    ]
    assert ("Learning across the network", None, "Not assessed") in [
        (bar.label, bar.value, bar.shown) for bar in principles.bars
    ]


def test_a_provisional_result_lists_the_questions_still_to_answer(framework: Framework) -> None:
    text_in = "proposal: {title: Half-finished idea}\nfacts: {decision_role: none}\n"
    proposal, result = assess_text(text_in, framework=framework, allow_incomplete=True)
    given = dataclasses.replace(
        report_input("resident-chatbot", framework), proposal=proposal, result=result
    )
    report = build_report(given)
    assert "Provisional." in text(report.summary)
    assert "Not yet described." in text(report.summary)
    working = text([section(report, "How the score was worked out")])
    assert "Who does the AI affect?" in working


def test_an_example_without_benefits_or_suitability_says_so(red_line_report: Report) -> None:
    assert section(red_line_report, "Why").blocks == (
        Paragraph("No expected benefits or suitability answers have been recorded."),
    )
