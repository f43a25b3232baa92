"""The committee report as Markdown, to paste into a paper or keep beside the proposal."""

from __future__ import annotations

from coopai.reports.document import Block, Bullets, Chart, Fields, Paragraph, Report, Table


def to_markdown(report: Report) -> str:
    lines = [f"# {_text(report.title)}", ""]
    lines += _block(report.facts)
    for section in report.summary:
        lines += _section(section.heading, section.blocks)
    # A rule where the PDF and Word files start a new page: the detail follows.
    lines += ["---", ""]
    for section in report.detail:
        lines += _section(section.heading, section.blocks)
    return "\n".join(lines).rstrip() + "\n"


def _section(heading: str, blocks: tuple[Block, ...]) -> list[str]:
    lines = [f"## {_text(heading)}", ""]
    for block in blocks:
        lines += _block(block)
    return lines


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        lead = f"**{_text(block.lead)}** " if block.lead else ""
        quote = "> " if block.warning else ""
        return [quote + lead + _text(block.text), ""]
    if isinstance(block, Fields):
        return [*(f"- **{_text(label)}:** {_text(value)}" for label, value in block.items), ""]
    if isinstance(block, Bullets):
        return [*(f"- {_text(item)}" for item in block.items), ""]
    if isinstance(block, Chart):
        return _block(block.table)
    return _table(block)


def _table(table: Table) -> list[str]:
    return [
        f"### {_text(table.title)}",
        "",
        "| " + " | ".join(map(_cell, table.header)) + " |",
        "|" + "|".join(" --- " for _ in table.header) + "|",
        *("| " + " | ".join(map(_cell, row)) + " |" for row in table.rows),
        "",
    ]


def _text(text: str) -> str:
    """Text as it reads: on one line (a line break would end a list item or a paragraph),
    with the characters that make HTML escaped, since Markdown passes HTML through."""
    words = " ".join(text.split())
    return words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(text: str) -> str:
    return _text(text).replace("|", "\\|")
