"""Bias, error and data-quality audits of an AI's outputs. Pure Python, no Django.

The three entry points read a CSV, Parquet or XLSX file and return typed results:
:func:`bias_audit`, :func:`error_audit` and :func:`quality_profile`. Bad input
raises :class:`AuditInputError` listing every problem found. :func:`findings` says
what any result flagged, as data and in plain sentences.
"""

from coopai.audit.bias import BiasMapping, BiasOptions, bias_audit
from coopai.audit.error_audit import error_audit
from coopai.audit.findings import Findings, Flag, FourFifthsFailure, Issue, findings
from coopai.audit.problems import AuditInputError, Problem
from coopai.audit.publish import publishable_bias, publishable_errors, publishable_quality
from coopai.audit.quality import quality_profile
from coopai.audit.results import BiasResult, ErrorResult, QualityResult

__all__ = [
    "AuditInputError",
    "BiasMapping",
    "BiasOptions",
    "BiasResult",
    "ErrorResult",
    "Findings",
    "Flag",
    "FourFifthsFailure",
    "Issue",
    "Problem",
    "QualityResult",
    "bias_audit",
    "error_audit",
    "findings",
    "publishable_bias",
    "publishable_errors",
    "publishable_quality",
    "quality_profile",
]
