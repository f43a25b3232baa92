"""Every format lays out the same report: the same page one, then the detail on the pages
after it. Each test runs over every format in the registry."""

from __future__ import annotations

import dataclasses
import html
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn

from coopai.reports import FORMATS, Report
from tests.reports.conftest import AUDIT_FINDING, CONDITION, pdf_text

PAGE_BREAK = f'.//{qn("w:br")}[@{qn("w:type")}="page"]'


def flat(text: str) -> str:
    """Text with every run of spaces and line breaks made one space, as a reader sees it."""
    return " ".join(text.split())


def split_at_page_one(name: str, data: bytes, request: pytest.FixtureRequest) -> tuple[str, str]:
    """Page one's text, and the text of the pages after it."""
    if name == "pdf":
        pdftotext = request.getfixturevalue("pdftotext")
        return pdf_text(pdftotext, data, page=1), pdf_text(pdftotext, data)
    if name == "docx":
        parts: tuple[list[str], list[str]] = ([], [])
        after = False
        for element in Document(BytesIO(data)).element.body.iterchildren():
            after = after or element.find(PAGE_BREAK) is not None
            parts[after].append("".join(t.text or "" for t in element.iter(qn("w:t"))))
        return "\n".join(parts[0]), "\n".join(parts[1])
    # Without the bold marks, the Markdown reads as the other formats do.
    page_one, rule, rest = data.decode().replace("**", "").partition("\n---\n")
    assert rule, "the Markdown has no rule between page one and the detail"
    return page_one, rest


@pytest.fixture(scope="module")
def rendered(decided_report: Report, red_line_report: Report) -> dict[tuple[str, str], bytes]:
    return {
        (name, which): chosen.render(report)
        for name, chosen in FORMATS.items()
        for which, report in (("decided", decided_report), ("red line", red_line_report))
    }


@pytest.mark.parametrize("name", list(FORMATS))
def test_page_one_holds_what_a_councillor_needs(
    name: str, rendered: dict[tuple[str, str], bytes], request: pytest.FixtureRequest
) -> None:
    page_one, _ = split_at_page_one(name, rendered[name, "decided"], request)
    page_one = flat(page_one)
    for expected in (
        "Transcribing and drafting adult social care case notes",
        "Exampleshire Council",
        "14 May 2026",
        "Approved with conditions",
        "Tier 3: High.",
        "Pilot first. This is tier 3 (High), and 8 of the 18 requirements",
        "Mainly because it uses special category data about people who may be vulnerable",
        "No red lines.",
        "Approved with conditions on 12 May 2026.",
        CONDITION,
        AUDIT_FINDING,
    ):
        assert expected in page_one, f"{expected!r} is not on page one of the {name}"


@pytest.mark.parametrize("name", list(FORMATS))
def test_page_one_shows_a_red_line_with_how_to_resolve_it(
    name: str, rendered: dict[tuple[str, str], bytes], request: pytest.FixtureRequest
) -> None:
    page_one = flat(split_at_page_one(name, rendered[name, "red line"], request)[0])
    assert "A significant decision made by AI alone, without safeguards." in page_one
    assert "To resolve: Put a person in the decision" in page_one
    assert "Do not proceed." in page_one
    assert "Not yet decided." in page_one
    assert "No audits attached." in page_one


@pytest.mark.parametrize("name", list(FORMATS))
def test_the_detail_starts_after_page_one(
    name: str, rendered: dict[tuple[str, str], bytes], request: pytest.FixtureRequest
) -> None:
    page_one, rest = split_at_page_one(name, rendered[name, "decided"], request)
    for heading in ("What must be done", "How the score was worked out", "Decision record"):
        assert heading not in page_one
        assert heading in rest
    rest = flat(rest)
    assert "Tom Evans" in rest
    assert "The first three months in one team are the pilot." in rest
    assert "Equality impact assessment" in rest  # a missing mitigation, by name


@pytest.mark.parametrize("name", list(FORMATS))
def test_what_people_typed_is_shown_as_text(
    name: str, red_line_report: Report, request: pytest.FixtureRequest
) -> None:
    typed = 'Fish & chips <b>rota</b> "AI"'
    data = FORMATS[name].render(dataclasses.replace(red_line_report, title=typed))
    page_one, _ = split_at_page_one(name, data, request)
    if name == "markdown":
        # Markdown passes HTML through, so it is written as entities that read as text.
        assert "<b>" not in page_one
        page_one = html.unescape(page_one)
    assert typed in page_one


def test_markdown_escapes_html_that_a_viewer_would_run() -> None:
    from coopai.reports.markdown import _text

    assert _text('<script>alert("x")</script> & <img onerror=1>') == (
        '&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;img onerror=1&gt;'
    )


def test_a_file_name_keeps_accented_letters_as_plain_ones() -> None:
    from coopai.reports import FORMATS

    assert FORMATS["pdf"].filename("Übersetzung für Bürger") == "ubersetzung-fur-burger.pdf"
    assert FORMATS["docx"].filename("🤖") == "report.docx"
