"""The Word document: real headings, page one on its own page, tables with header rows,
its title and language set, and page numbers in the footer."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn

from coopai.reports import Report, to_docx


@pytest.fixture(scope="module")
def document(decided_report: Report) -> WordDocument:
    return Document(BytesIO(to_docx(decided_report)))


def headings(document: WordDocument, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style and p.style.name == f"Heading {level}"]


def test_the_headings_follow_the_report(decided_report: Report, document: WordDocument) -> None:
    assert headings(document, 1) == [decided_report.title]
    assert headings(document, 2) == [
        s.heading for s in (*decided_report.summary, *decided_report.detail)
    ]
    assert "Votes" in headings(document, 3)


def test_page_one_ends_with_a_page_break(document: WordDocument) -> None:
    paragraphs = document.paragraphs
    breaks = [i for i, p in enumerate(paragraphs) if p._p.findall(f".//{qn('w:br')}")]
    assert len(breaks) == 1
    (at,) = breaks
    assert paragraphs[at]._p.find(f".//{qn('w:br')}").get(qn("w:type")) == "page"
    assert paragraphs[at - 1].text.startswith("An error audit of 200 draft notes")
    assert paragraphs[at + 1].text == "What must be done"


def test_page_one_reads_in_order(document: WordDocument) -> None:
    text = [p.text for p in document.paragraphs]
    assert text[1:6] == [
        "Council: Exampleshire Council",
        "Service area: Adult social care",
        "Kind of AI: Productivity support, Speech",
        "Date: 14 May 2026",
        "Stage: Approved with conditions",
    ]
    assert "Pilot first. This is tier 3 (High), and 8 of the 18 requirements" in "\n".join(text)


def test_tables_have_a_repeating_bold_header_row(document: WordDocument) -> None:
    # Conditions on page one; then requirements, impact, mitigation credit, principles,
    # readiness, risks, votes, exceptions and conditions again in the decision record.
    assert len(document.tables) == 10
    for table in document.tables:
        header = table.rows[0]
        assert header._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    conditions = document.tables[0]
    assert [c.text for c in conditions.rows[0].cells] == ["Condition", "Owner", "Due", "State"]


def test_title_language_and_page_numbers_are_set(document: WordDocument) -> None:
    properties = document.core_properties
    assert properties.title == "Transcribing and drafting adult social care case notes"
    assert properties.language == "en-GB"
    footer = document.sections[0].footer.paragraphs[0]._p
    fields = [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert document.sections[0].page_width == 7560310  # A4, 210 mm in English Metric Units
