"""Shaping the engine's report document for our pages: cells, flags and chart geometry.

The document (headline, sections, tables, charts) is the engine's own
(`coopai.audit.report`), the same one its text, Markdown and HTML reports lay out;
this only places it inside the service's layout. What the audit flagged comes from
the engine as data (a cell's mark, `coopai.audit.findings`); nothing here decides it.
"""

from __future__ import annotations

import itertools
import textwrap
from dataclasses import dataclass
from typing import Any, ClassVar

from coopai.audit import report
from coopai.audit.guide import load_guide
from coopai.audit.problems import Problem
from coopai.audit.report import Chart, Document, Mark, Table, Term

TAGS: dict[Mark, str] = {"flagged": "Flagged", "fails": "Fails"}
"""The tag shown beside a cell's figure for each mark the engine puts on it."""
LABEL_WIDTH, PLOT_WIDTH, ROW_HEIGHT, AXIS_HEIGHT = 250, 380, 30, 30
# A group's name wraps onto lines of about this many characters, LINE_HEIGHT apart, in the
# label column; a row grows to fit its lines, so no name is cut short.
LABEL_CHARACTERS, LINE_HEIGHT = 26, 18
TICKS = (0, 0.25, 0.5, 0.75, 1)
LONG = 12


@dataclass(frozen=True)
class Cell:
    text: str
    flag: str = ""


@dataclass(frozen=True)
class TableView:
    caption: str
    headers: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class BarView:
    label: str
    label_lines: list[str]
    label_y: float
    """Where the label's first line sits, so its lines are centred on the bar."""
    middle: float
    width: float | None
    low_x: float | None
    high_x: float | None
    value_text: str
    interval_text: str


@dataclass(frozen=True)
class ChartView:
    line_height: ClassVar[int] = LINE_HEIGHT
    id: str
    title: str
    description: str
    height: int
    axis_y: int
    ticks: list[tuple[float, str]]
    bars: list[BarView]


@dataclass(frozen=True)
class SectionView:
    heading: str
    paragraphs: list[str]
    tables: list[TableView]
    charts: list[ChartView]

    @property
    def long(self) -> bool:
        """Many groups (an intersection) or many lines: shown folded away at first."""
        return len(self.paragraphs) > LONG or any(len(t.rows) > LONG for t in self.tables)


@dataclass(frozen=True)
class DocumentView:
    title: str
    summary: list[str]
    sections: list[SectionView]
    terms: list[Term]
    """The words the summary uses, explained: shown right after it, where they first appear."""


def document_view(document: Document) -> DocumentView:
    ids = itertools.count(1)
    return DocumentView(
        title=document.title,
        summary=list(document.summary),
        sections=[
            SectionView(
                heading=section.heading,
                paragraphs=list(section.paragraphs),
                tables=[_table(table) for table in section.tables],
                charts=[_chart(chart, f"chart-{next(ids)}") for chart in section.charts],
            )
            for section in document.sections
        ],
        terms=list(document.terms),
    )


def _cell(cell: report.Cell) -> Cell:
    return Cell(cell.text, "" if cell.mark is None else TAGS[cell.mark])


def _table(table: Table) -> TableView:
    return TableView(
        table.caption, list(table.headers), [[_cell(cell) for cell in row] for row in table.rows]
    )


def _percent(value: float | None) -> str:
    return "not defined" if value is None else f"{value:.1%}"


def _chart(chart: Chart, chart_id: str) -> ChartView:
    bars = []
    top = 0.0
    for bar in chart.bars:
        lines = textwrap.wrap(bar.label, LABEL_CHARACTERS) or [bar.label]
        height = max(ROW_HEIGHT, len(lines) * LINE_HEIGHT + 12)
        bars.append(_bar(bar, lines, top + height / 2))
        top += height
    axis_y = int(top) + 4
    return ChartView(
        id=chart_id,
        title=chart.title,
        description=chart.description,
        height=axis_y + AXIS_HEIGHT,
        axis_y=axis_y,
        ticks=[(LABEL_WIDTH + tick * PLOT_WIDTH, f"{tick:.0%}") for tick in TICKS],
        bars=bars,
    )


def _bar(bar: report.Bar, lines: list[str], middle: float) -> BarView:
    has_interval = bar.low is not None and bar.high is not None
    return BarView(
        label=bar.label,
        label_lines=lines,
        label_y=middle + 5 - (len(lines) - 1) * LINE_HEIGHT / 2,
        middle=middle,
        width=None if bar.value is None else bar.value * PLOT_WIDTH,
        low_x=LABEL_WIDTH + bar.low * PLOT_WIDTH if bar.low is not None else None,
        high_x=LABEL_WIDTH + bar.high * PLOT_WIDTH if bar.high is not None else None,
        value_text=_percent(bar.value),
        interval_text=(
            f"{_percent(bar.low)} to {_percent(bar.high)}" if has_interval else "not defined"
        ),
    )


def problems_view(stored: list[dict[str, Any]]) -> list[Problem]:
    """The engine's problems as stored on a failed run, for listing with column, row, value."""
    return [Problem(**problem) for problem in stored]


MAPPING_LABELS = {
    "prediction": "Prediction column",
    "score": "Score column",
    "threshold": "Threshold",
    "label": "True outcome column",
    "protected": "Protected characteristics",
    "cross": "Characteristics also crossed together",
    "reference": "Reference group",
    "value_names": "Names for groups",
    "use": "Is the AI assistive or punitive?",
    "worse_error": "Which mistake harms more?",
    "verdict": "Verdict column",
    "groups": "Group columns",
}
GUIDE_ANSWERS = ("use", "worse_error")
"""Mapping keys whose values are the metric guide's answers, shown in the guide's words."""


def mapping_rows(mapping: dict[str, Any]) -> list[tuple[str, str]]:
    """The chosen columns and answers, in words, leaving out what was not given."""
    names = mapping.get("value_names") or {}
    rows = []
    for key, value in mapping.items():
        if value is None or value in ("", [], {}):
            continue
        if isinstance(value, bool):
            text = "Yes" if value else "No"
        elif isinstance(value, list):
            text = ", ".join(str(item) for item in value)
        elif key == "reference" and isinstance(value, dict):
            text = "; ".join(_group(column, str(group), names) for column, group in value.items())
        elif key == "value_names" and isinstance(value, dict):
            text = "; ".join(
                f"{column} {group}: {name}"
                for column, given in value.items()
                for group, name in given.items()
            )
        elif key in GUIDE_ANSWERS:
            options = getattr(load_guide().questions, key).options
            text = options.get(str(value), str(value))
        else:
            text = str(value).replace("_", " ")
        rows.append((MAPPING_LABELS.get(key, key), text))
    return rows


def _group(column: str, value: str, names: dict[str, dict[str, str]]) -> str:
    name = names.get(column, {}).get(value)
    return f"{name} ({column} {value})" if name else f"{column} {value}"
