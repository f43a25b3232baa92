"""The PDF: accessible (tagged, titled, in British English, with headings and header
rows), A4, numbered, and with each chart beside a table of the same figures."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import zlib
from collections.abc import Iterator

import pytest

from coopai.reports import Report, to_pdf
from coopai.reports.pdf import to_html
from tests.reports.conftest import pdf_text


@pytest.fixture(scope="module")
def pdf(decided_report: Report) -> bytes:
    return to_pdf(decided_report)


def info(pdfinfo: str, pdf: bytes, *options: str) -> str:
    done = subprocess.run([pdfinfo, *options, "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode()


def test_the_pdf_is_a4_tagged_and_titled(pdf: bytes, pdfinfo: str) -> None:
    details = info(pdfinfo, pdf)
    assert re.search(
        r"^Title:\s+Transcribing and drafting adult social care case notes$", details, re.M
    )
    assert re.search(r"^Tagged:\s+yes$", details, re.M)
    assert "(A4)" in details


def inflated(pdf: bytes) -> Iterator[bytes]:
    """The PDF's compressed streams, opened."""
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            yield zlib.decompress(stream)
        except zlib.error:
            continue


def test_the_pdf_says_its_language_is_british_english(pdf: bytes) -> None:
    # The document catalogue sits in a compressed object stream.
    assert any(b"/Lang (en-GB)" in stream for stream in inflated(pdf))


def test_headings_tables_and_charts_are_tagged(pdf: bytes, pdfinfo: str) -> None:
    tags = [
        line.strip().split(" ")[0].rstrip(":")
        for line in info(pdfinfo, pdf, "-struct").splitlines()
    ]
    assert tags.count("H1") == 1
    assert tags.count("H2") == 14  # seven on page one, seven in the detail
    assert tags.count("TH") > 20
    assert tags.count("Figure") == 2


def test_every_page_is_numbered_in_the_footer(pdf: bytes, pdfinfo: str, pdftotext: str) -> None:
    pages = int(re.findall(r"^Pages:\s+(\d+)$", info(pdfinfo, pdf), re.M)[0])
    assert pages > 2
    for page in (1, pages):
        assert f"Page {page} of {pages}" in pdf_text(pdftotext, pdf, page=page)


def test_the_html_declares_language_title_and_header_cells(decided_report: Report) -> None:
    html = to_html(decided_report)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert "<title>Transcribing and drafting adult social care case notes</title>" in html
    assert html.count("<h1>") == 1
    assert '<th scope="col">Requirement</th>' in html


def test_each_chart_comes_before_a_table_of_its_figures(decided_report: Report) -> None:
    html = to_html(decided_report)
    charts = html.split("<svg")[1:]
    assert len(charts) == 2
    for chart, caption, figures in (
        (charts[0], "Principle scores", ("Augment, not replace", "3 of 3", "Not assessed")),
        (charts[1], "Readiness by enabler", ("Skills and culture", "1 Emerging")),
    ):
        # Each piece runs to the next chart, so its table comes before that chart.
        drawing, _, after = chart.partition("</svg>")
        assert f"<caption>{caption}</caption>" in after
        for figure in figures:
            assert figure in drawing and figure in after


def test_the_chart_bars_are_as_long_as_their_values(decided_report: Report) -> None:
    drawing = to_html(decided_report).split("<svg")[1].partition("</svg>")[0]
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', drawing)]
    # Augment, not replace 3; openness 2; fairness 1: no bar for what was not assessed.
    assert widths == [300.0, 200.0, 100.0]


def test_what_people_typed_cannot_become_markup(decided_report: Report) -> None:
    html = to_html(dataclasses.replace(decided_report, title="<script>alert(1)</script>"))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
