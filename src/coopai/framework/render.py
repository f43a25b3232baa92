"""Results in words: text for a terminal, Markdown for a committee paper, JSON for machines.

The text and Markdown reports lay out one document, built by
:func:`coopai.framework.report.assessment_document`, so they say the same things.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable

from coopai.framework.report import (
    Alert,
    Block,
    Bullets,
    Facts,
    Lines,
    Notice,
    Paragraph,
    Span,
    Table,
    Tone,
    assessment_document,
)
from coopai.framework.result import AssessmentResult
from coopai.framework.result_json import to_json_data

Style = Callable[..., str]

WIDTH = 88
COLOURS: dict[Tone, str] = {"good": "green", "note": "cyan", "caution": "yellow", "danger": "red"}


def plain(text: str, **_: object) -> str:
    return text


def to_json(result: AssessmentResult) -> str:
    return json.dumps(to_json_data(result), indent=2, ensure_ascii=False) + "\n"


def to_text(result: AssessmentResult, style: Style = plain) -> str:
    """A readable report for a terminal; `style` adds colour where the terminal allows."""
    document = assessment_document(result)
    lines = [style(document.title, bold=True), document.byline]
    for block in document.summary:
        lines += ["", *_text_block(block, style, "")]
    for section in document.sections:
        lines += ["", _styled(Span(section.heading, True, section.tone), style)]
        for block in section.blocks:
            lines += _text_block(block, style, "  ")
    lines += ["", document.footer]
    return "\n".join(lines) + "\n"


def _text_block(block: Block, style: Style, indent: str) -> list[str]:
    match block:
        case Paragraph(text):
            return _wrap(text, indent)
        case Notice(text, tone):
            return [style(line, fg=COLOURS[tone]) for line in _wrap(text, indent)]
        case Alert(title, paragraphs, tone):
            lines = [style(f"{indent}! {title}", fg=COLOURS[tone])]
            return lines + [line for p in paragraphs for line in _wrap(p, indent + "  ")]
        case Bullets(items):
            return [line for item in items for line in _wrap(item, indent + "  ", indent + "- ")]
        case Facts(rows):
            return [f"{indent}{key}: {_styled(value, style)}" for key, value in rows]
        case Table():
            return _text_table(block, style, indent)
        case Lines(lines):
            return [indent + line for line in lines]


def _text_table(table: Table, style: Style, indent: str) -> list[str]:
    """Columns padded to their widest cell; a row's note is wrapped beneath it."""
    cells = [[Span(header) for header in table.headers]] + [row.cells for row in table.rows]
    widths = [max(len(row[i].text) for row in cells) for i in range(len(table.headers))]

    def line(row: list[Span]) -> str:
        padded = [
            _styled(cell, style) + " " * (width - len(cell.text))
            for cell, width in zip(row, widths, strict=True)
        ]
        return (indent + "  ".join(padded)).rstrip()

    lines = [line(cells[0])]
    for row in table.rows:
        lines += [line(row.cells), *_wrap(row.note, indent + "  ")]
    return lines


def _styled(span: Span, style: Style) -> str:
    if not span.strong and span.tone is None:
        return span.text
    options: dict[str, object] = {"bold": True} if span.strong else {}
    if span.tone is not None:
        options["fg"] = COLOURS[span.tone]
    return style(span.text, **options)


def _wrap(text: str, indent: str, first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def to_markdown(result: AssessmentResult) -> str:
    """A section ready to paste into a committee paper."""
    document = assessment_document(result)
    md = [f"## {document.title}", "", document.byline, ""]
    for block in document.summary:
        md += [*_markdown_block(block), ""]
    for section in document.sections:
        md += [f"### {section.heading}", ""]
        for block in section.blocks:
            md += [*_markdown_block(block), ""]
    md += [f"_{document.footer}_", ""]
    return "\n".join(md)


def _markdown_block(block: Block) -> list[str]:
    match block:
        case Paragraph(text):
            return [text]
        case Notice(text):
            return [f"> {text}"]
        case Alert(title, paragraphs):
            return [f"> **{title}.** {' '.join(paragraphs)}"]
        case Bullets(items):
            return [f"- {item}" for item in items]
        case Facts(rows):
            return _markdown_rows(["", ""], [[Span(key), value] for key, value in rows])
        case Table():
            return _markdown_table(block)
        case Lines(lines):
            return ["```text", *lines, "```"]


def _markdown_table(table: Table) -> list[str]:
    """A note column only when some row has a note."""
    if not any(row.note for row in table.rows):
        return _markdown_rows(table.headers, [row.cells for row in table.rows])
    return _markdown_rows(
        [*table.headers, table.note_header],
        [[*row.cells, Span(row.note)] for row in table.rows],
    )


def _markdown_rows(headers: list[str], rows: list[list[Span]]) -> list[str]:
    def line(cells: list[str]) -> str:
        return "|" + "|".join(_markdown_cell(cell) for cell in cells) + "|"

    lines = [line(headers), "| " + " | ".join("---" for _ in headers) + " |"]
    return lines + [line([_markdown_span(cell) for cell in row]) for row in rows]


def _markdown_cell(text: str) -> str:
    escaped = text.replace("|", "\\|")
    return f" {escaped} " if text else " "


def _markdown_span(span: Span) -> str:
    return f"**{span.text}**" if span.strong else span.text
