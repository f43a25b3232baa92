"""The committee report as data: what goes in, and the structured document that comes out.

`build_report` fills a `Report`; the PDF, Word and Markdown renderers only lay it out, so
every format says the same thing in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from coopai.framework.loaded import Framework
from coopai.framework.proposal import Proposal
from coopai.framework.result import AssessmentResult
from coopai.framework.review import DecisionRecord, EvidenceLine


@dataclass(frozen=True)
class ReportInput:
    """Everything a report says, gathered by its caller (the command line or the web app)."""

    proposal: Proposal
    result: AssessmentResult
    framework: Framework
    council: str | None = None  # the proposal's own council when not given
    stage: str | None = None  # a lifecycle Stage value
    decision: DecisionRecord | None = None
    checklist: Sequence[EvidenceLine] = ()  # requirements with their evidence, from the review
    audit_findings: Sequence[str] = ()  # one sentence per audit, as the audit engine wrote it
    generated: date = field(default_factory=date.today)


@dataclass(frozen=True)
class Paragraph:
    text: str
    lead: str = ""  # words in bold that open the paragraph, such as a red line's name
    warning: bool = False  # something no reader may miss: a red line


@dataclass(frozen=True)
class Fields:
    """Labelled facts, one a line: "Council: Exampleshire Council"."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # None when not assessed or not rated: no bar is drawn
    shown: str  # the value in words, as the chart's table gives it


@dataclass(frozen=True)
class Chart:
    """A bar chart; `table` holds the same figures, for every reader and every format."""

    title: str
    maximum: int
    bars: tuple[Bar, ...]
    table: Table


Block = Paragraph | Fields | Bullets | Table | Chart


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Report:
    """Page one (`summary`) for councillors, then the `detail` behind it."""

    title: str
    facts: Fields  # council, date, stage, framework version
    summary: tuple[Section, ...]
    detail: tuple[Section, ...]
    subject: str  # one line for the document's metadata
