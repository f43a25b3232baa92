"""The committee report as an accessible PDF: HTML from a Jinja2 template, printed by
WeasyPrint as tagged PDF (PDF/UA-1) with a real text layer, so screen readers and
pdftotext can read it."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined

from coopai.reports.document import Chart, Report

_ENVIRONMENT = Environment(
    loader=PackageLoader("coopai.reports", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class _Tick:
    x: float
    label: str


@dataclass(frozen=True)
class _BarShape:
    label: str
    shown: str
    y: int
    width: float


@dataclass(frozen=True)
class _ChartShape:
    """Where a bar chart's parts go, in the SVG's own units."""

    width: int
    height: int
    label_right: int
    bar_left: int
    bar_height: int
    axis_y: int
    ticks: tuple[_Tick, ...]
    bars: tuple[_BarShape, ...]


LABEL_WIDTH = 260
BAR_SPACE = 300
ROW = 22


def _geometry(chart: Chart) -> _ChartShape:
    scale = BAR_SPACE / chart.maximum
    bars = tuple(
        _BarShape(
            bar.label,
            bar.shown,
            4 + index * ROW,
            (bar.value or 0) * scale,
        )
        for index, bar in enumerate(chart.bars)
    )
    axis_y = 8 + len(bars) * ROW
    left = LABEL_WIDTH + 10
    return _ChartShape(
        width=left + BAR_SPACE + 100,
        height=axis_y + 18,
        label_right=LABEL_WIDTH,
        bar_left=left,
        bar_height=ROW - 6,
        axis_y=axis_y,
        ticks=tuple(_Tick(left + step * scale, str(step)) for step in range(chart.maximum + 1)),
        bars=bars,
    )


_ENVIRONMENT.filters["geometry"] = _geometry
_ENVIRONMENT.filters["kind"] = lambda block: type(block).__name__


def to_html(report: Report) -> str:
    return _ENVIRONMENT.get_template("report.html").render(report=report)


def to_pdf(report: Report) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, and only PDFs need it.
    from weasyprint import HTML

    pdf: bytes = HTML(string=to_html(report)).write_pdf(pdf_variant="pdf/ua-1")
    return pdf
