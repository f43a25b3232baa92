"""Laying out a :class:`~coopai.audit.report.Document` as text, Markdown or HTML."""

from __future__ import annotations

import html
import textwrap
from itertools import count

from coopai.audit.report import Bar, Chart, Document, Table, cells

WRAP = 100


def to_text(document: Document) -> str:
    lines = [document.title, "=" * len(document.title), ""]
    for paragraph in document.summary:
        lines += [*textwrap.wrap(paragraph, WRAP), ""]
    for section in document.sections:
        lines += [section.heading, "-" * len(section.heading), ""]
        for paragraph in section.paragraphs:
            lines += [*textwrap.wrap(paragraph, WRAP), ""]
        for table in section.tables:
            lines += [table.caption + ":", *_text_table(table), ""]
    return "\n".join(lines).rstrip() + "\n"


def _plain_rows(table: Table) -> list[list[str]]:
    return [[cell.plain for cell in row] for row in table.rows]


def _text_table(table: Table) -> list[str]:
    rows = _plain_rows(table)
    widths = [max(len(row[i]) for row in [table.headers, *rows]) for i in range(len(table.headers))]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

    rule = "  ".join("-" * width for width in widths)
    return [line(table.headers).rstrip(), rule] + [line(row).rstrip() for row in rows]


def _markdown_cell(text: str) -> str:
    return text.replace("|", "\\|")


def to_markdown(document: Document) -> str:
    lines = [f"# {document.title}", ""]
    lines += [line for paragraph in document.summary for line in (paragraph, "")]
    for section in document.sections:
        lines += [f"## {section.heading}", ""]
        lines += [line for paragraph in section.paragraphs for line in (paragraph, "")]
        for table in section.tables:
            lines += [f"**{table.caption}**", ""]
            lines.append("| " + " | ".join(map(_markdown_cell, table.headers)) + " |")
            lines.append("|" + "|".join(" --- " for _ in table.headers) + "|")
            lines += [
                "| " + " | ".join(map(_markdown_cell, row)) + " |" for row in _plain_rows(table)
            ]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


STYLE = """
body { font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem;
  color: #0b0c0c; line-height: 1.5; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #b1b4b6; padding: 0.25rem 0.5rem; text-align: left; }
th { background: #f3f2f1; }
figure { margin: 1.5rem 0; }
.bar { fill: #1d70b8; }
.whisker { stroke: #0b0c0c; stroke-width: 2; }
svg text { font-size: 12px; fill: #0b0c0c; }
"""


def to_html(document: Document) -> str:
    ids = count(1)
    title = html.escape(document.title)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{title}</h1>",
    ]
    parts += [f"<p>{html.escape(p)}</p>" for p in document.summary]
    for section in document.sections:
        parts.append(f"<section><h2>{html.escape(section.heading)}</h2>")
        parts += [f"<p>{html.escape(p)}</p>" for p in section.paragraphs]
        parts += [_html_table(table) for table in section.tables]
        parts += [_figure(chart, next(ids)) for chart in section.charts]
        parts.append("</section>")
    parts += ["</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _html_table(table: Table) -> str:
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in table.headers)
    body = "".join(
        "<tr>"
        + f'<th scope="row">{html.escape(row[0])}</th>'
        + "".join(f"<td>{html.escape(cell)}</td>" for cell in row[1:])
        + "</tr>"
        for row in _plain_rows(table)
    )
    return (
        f"<table><caption>{html.escape(table.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


LABEL_WIDTH, PLOT_WIDTH, ROW_HEIGHT, AXIS_HEIGHT = 260, 420, 24, 28


def _figure(chart: Chart, number: int) -> str:
    """A bar chart with interval whiskers, described for screen readers, with its data."""
    title_id, desc_id = f"chart-{number}-title", f"chart-{number}-desc"
    height = ROW_HEIGHT * len(chart.bars) + AXIS_HEIGHT
    width = LABEL_WIDTH + PLOT_WIDTH + 70
    body = [_svg_bar(bar, row) for row, bar in enumerate(chart.bars)]
    axis_y = ROW_HEIGHT * len(chart.bars) + 4
    for tick in (0, 0.25, 0.5, 0.75, 1):
        x = LABEL_WIDTH + tick * PLOT_WIDTH
        body.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{axis_y}" stroke="#b1b4b6" '
            'stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle">{tick:.0%}</text>'
        )
    svg = (
        f'<svg role="img" aria-labelledby="{title_id} {desc_id}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{title_id}">{html.escape(chart.title)}</title>'
        f'<desc id="{desc_id}">{html.escape(chart.description)}</desc>' + "".join(body) + "</svg>"
    )
    data = Table(
        f"Data for: {chart.title}",
        ["Group", "Value", "95% interval"],
        [cells([bar.label, _fraction(bar.value), _interval_text(bar)]) for bar in chart.bars],
    )
    return (
        f"<figure>{svg}<figcaption>{html.escape(chart.title)}</figcaption>"
        f"<details><summary>Table of the chart's data</summary>{_html_table(data)}</details>"
        "</figure>"
    )


def _svg_bar(bar: Bar, row: int) -> str:
    y = row * ROW_HEIGHT
    middle = y + ROW_HEIGHT / 2
    label = html.escape(bar.label if len(bar.label) <= 38 else bar.label[:37] + "…")
    parts = [f'<text x="{LABEL_WIDTH - 8}" y="{middle + 4:.1f}" text-anchor="end">{label}</text>']
    if bar.value is None:
        parts.append(f'<text x="{LABEL_WIDTH + 4}" y="{middle + 4:.1f}">not defined</text>')
        return "".join(parts)
    parts.append(
        f'<rect class="bar" x="{LABEL_WIDTH}" y="{y + 5}" height="{ROW_HEIGHT - 10}" '
        f'width="{bar.value * PLOT_WIDTH:.1f}"/>'
    )
    if bar.low is not None and bar.high is not None:
        low, high = LABEL_WIDTH + bar.low * PLOT_WIDTH, LABEL_WIDTH + bar.high * PLOT_WIDTH
        parts.append(
            f'<line class="whisker" x1="{low:.1f}" y1="{middle:.1f}" x2="{high:.1f}" '
            f'y2="{middle:.1f}"/>'
            f'<line class="whisker" x1="{low:.1f}" y1="{middle - 5:.1f}" x2="{low:.1f}" '
            f'y2="{middle + 5:.1f}"/>'
            f'<line class="whisker" x1="{high:.1f}" y1="{middle - 5:.1f}" x2="{high:.1f}" '
            f'y2="{middle + 5:.1f}"/>'
        )
    end = LABEL_WIDTH + PLOT_WIDTH + 6
    parts.append(f'<text x="{end}" y="{middle + 4:.1f}">{bar.value:.1%}</text>')
    return "".join(parts)


def _fraction(value: float | None) -> str:
    return "not defined" if value is None else f"{value:.1%}"


def _interval_text(bar: Bar) -> str:
    if bar.low is None or bar.high is None:
        return "not defined"
    return f"{bar.low:.1%} to {bar.high:.1%}"
