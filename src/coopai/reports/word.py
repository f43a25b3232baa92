"""The committee report as a Word document (python-docx), for councils whose committee
papers are written in Word: real headings, tables with repeating header rows, page one
on its own page, and page numbers in the footer."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as WordParagraph

from coopai.reports.document import Block, Bullets, Chart, Fields, Paragraph, Report, Table

FONT = "Arial"  # Word's everyday sans-serif; LibreOffice shows it as Liberation Sans
LANGUAGE = "en-GB"


def to_docx(report: Report) -> bytes:
    document = Document()
    _set_up(document, report)
    document.add_heading(report.title, level=1)
    _block(document, report.facts)
    for section in report.summary:
        _section(document, section.heading, section.blocks)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for section in report.detail:
        _section(document, section.heading, section.blocks)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _set_up(document: WordDocument, report: Report) -> None:
    properties = document.core_properties
    properties.title = report.title
    properties.subject = report.subject
    properties.language = LANGUAGE
    properties.author = "coopai"
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LANGUAGE)
    normal.element.get_or_add_rPr().append(language)
    for level in (1, 2, 3):
        document.styles[f"Heading {level}"].font.name = FONT
    page = document.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.left_margin = page.right_margin = Mm(20)
    page.top_margin = page.bottom_margin = Mm(18)
    footer = page.footer.paragraphs[0]
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _field(paragraph: WordParagraph, instruction: str) -> None:
    """A field Word fills in when it lays out the page, such as the page number."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    paragraph._p.append(field)  # python-docx has no API for fields


def _section(document: WordDocument, heading: str, blocks: tuple[Block, ...]) -> None:
    document.add_heading(heading, level=2)
    for block in blocks:
        _block(document, block)


def _block(document: WordDocument, block: Block) -> None:
    if isinstance(block, Paragraph):
        paragraph = document.add_paragraph()
        if block.lead:
            paragraph.add_run(block.lead + " ").bold = True
        paragraph.add_run(block.text)
    elif isinstance(block, Fields):
        for label, value in block.items:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)
    elif isinstance(block, Bullets):
        for item in block.items:
            document.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Chart):
        _block(document, block.table)
    else:
        _table(document, block)


def _table(document: WordDocument, table: Table) -> None:
    document.add_heading(table.title, level=3)
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = "Table Grid"
    header = grid.rows[0]
    # Marked as a header row: Word repeats it on every page and screen readers announce it.
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text in zip(header.cells, table.header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row, values in zip(grid.rows[1:], table.rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
