"""The audit kinds, one entry each: what every face asks of a result of that kind.

The CLI, the web app and the reports never ask which class a result is: they call
:func:`document`, :func:`publishable` or :func:`~coopai.audit.findings.findings`, which
look the result's ``kind`` up here. Adding an audit kind means adding its result
class to :data:`~coopai.audit.results.AuditResult` and one entry to :data:`KINDS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from coopai.audit.bias_findings import bias_findings
from coopai.audit.findings import Findings, error_findings, quality_findings
from coopai.audit.publish import (
    SUPPRESSION_LIMIT,
    publishable_bias,
    publishable_errors,
    publishable_quality,
)
from coopai.audit.report import Document, bias_document, errors_document, quality_document
from coopai.audit.results import AuditResult, BiasResult, ErrorResult, QualityResult

Result = TypeVar("Result", BiasResult, ErrorResult, QualityResult)
AnyResult = TypeVar("AnyResult", bound=AuditResult)


@dataclass(frozen=True)
class Kind(Generic[Result]):
    """Everything that differs between audit kinds once a result exists."""

    result_type: type[Result]
    findings: Callable[[Result], Findings[Any]]
    document: Callable[[Result], Document]
    """The neutral report document that the text, Markdown and HTML reports lay out."""
    publishable: Callable[[Result, int], Result]
    """The result with counts under the limit, and figures that reveal them, withheld."""


KINDS: dict[str, Kind[Any]] = {
    "bias": Kind(BiasResult, bias_findings, bias_document, publishable_bias),
    "errors": Kind(ErrorResult, error_findings, errors_document, publishable_errors),
    "quality": Kind(QualityResult, quality_findings, quality_document, publishable_quality),
}
"""Every audit kind, by the ``kind`` its results carry."""


def kind_of(result: AuditResult) -> Kind[Any]:
    return KINDS[result.kind]


def document(result: AuditResult) -> Document:
    """The report document for any result."""
    built: Document = kind_of(result).document(result)
    return built


def publishable(result: AnyResult, limit: int = SUPPRESSION_LIMIT) -> AnyResult:
    """Any result made fit to publish; see :mod:`coopai.audit.publish`."""
    # The entry for result.kind takes and returns that kind's class; the table cannot say so.
    return cast(AnyResult, kind_of(result).publishable(result, limit))
