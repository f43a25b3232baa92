"""The audits' results as typed, frozen dataclasses: the stable JSON format.

These classes are the stable JSON format (``schema_version``). They are plain
standard-library dataclasses, so running an audit never imports pydantic: only
turning a result into JSON data or back (:mod:`coopai.audit.result_json`) does. The JSON
Schema shipped beside them (``audit-result.schema.json``) is generated from them,
with the class and field docstrings as descriptions, and a test keeps the two in
step. Undefined values are ``null``, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Literal

SCHEMA_VERSION = 1
InferredType = Literal["integer", "number", "boolean", "date", "text", "empty"]


class ResultPart:
    """Shared by every result class: how pydantic reads them when making JSON.

    ``__pydantic_config__`` is a plain dict, read only when pydantic builds a
    serialiser, a validator or the JSON Schema: no unknown fields, and each field's
    docstring is its description.
    """

    __pydantic_config__: ClassVar[dict[str, object]] = {
        "extra": "forbid",
        "use_attribute_docstrings": True,
    }


@dataclass(frozen=True, kw_only=True)
class Rate(ResultPart):
    """A proportion with its Wilson interval; every field null when not defined."""

    numerator: int | None = None
    denominator: int | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    suppressed: bool = False
    """Hidden for publication because a count is under the limit."""


@dataclass(frozen=True, kw_only=True)
class Confusion(ResultPart):
    tp: int | None
    fp: int | None
    fn: int | None
    tn: int | None


@dataclass(frozen=True, kw_only=True)
class Disparity(ResultPart):
    """One group's metric compared with the reference group's."""

    ratio: float | None
    """group / reference; null if not defined"""
    difference: float | None
    """group - reference; null if not defined"""
    clear_of_chance: bool
    """The two groups' 95% Wilson intervals are apart."""
    flagged: bool
    (
        """Clear of chance, material (ratio outside the materiality band) and both """
        """groups large enough to judge."""
    )


@dataclass(frozen=True, kw_only=True)
class FourFifths(ResultPart):
    """The four-fifths rule on the favourable-outcome rate against the highest group."""

    favourable_rate: float | None
    highest_rate: float | None
    ratio: float | None
    passes: bool | None
    """ratio >= 0.8; null when not defined"""


@dataclass(frozen=True, kw_only=True)
class Group(ResultPart):
    key: dict[str, str]
    """characteristic -> group value"""
    label: str
    count: int | None
    share: Rate
    small: bool
    """Fewer rows than the minimum group size: too small to judge."""
    reference: bool
    confusion: Confusion | None
    metrics: dict[str, Rate]
    disparities: dict[str, Disparity]
    four_fifths: FourFifths


@dataclass(frozen=True, kw_only=True)
class Dimension(ResultPart):
    characteristics: list[str]
    reference: str
    reference_chosen_by: Literal["largest", "user"]
    groups: list[Group]


@dataclass(frozen=True, kw_only=True)
class Headline(ResultPart):
    use: Literal["assistive", "punitive"] | None
    worse_error: Literal["false_positive", "false_negative", "both"] | None
    metrics: list[str]
    explanation: str
    guide_version: str


@dataclass(frozen=True, kw_only=True)
class BiasColumns(ResultPart):
    prediction: str | None
    score: str | None
    threshold: float | None
    label: str | None
    protected: list[str]


@dataclass(frozen=True, kw_only=True)
class BiasResult(ResultPart):
    kind: Literal["bias"] = "bias"
    schema_version: int = SCHEMA_VERSION
    source: str
    rows: int | None
    columns: BiasColumns
    confidence: float
    min_group_size: int
    materiality: float
    publication: bool
    suppression_limit: int
    favourable_outcome: Literal["selected", "not_selected"]
    headline: Headline
    overall: Group
    dimensions: list[Dimension]
    warnings: list[str]
    value_names: dict[str, dict[str, str]] = field(default_factory=dict)
    """characteristic -> value -> the name people use for it ("M" -> "Men"), as given
    with the mapping. Reports and sentences name groups by these, never as column=value."""


@dataclass(frozen=True, kw_only=True)
class SampleAdvice(ResultPart):
    target_width: float
    needed: int
    """Sample size at which the interval is this narrow."""
    additional: int
    """How many more reviewed samples that takes."""


@dataclass(frozen=True, kw_only=True)
class ErrorRates(ResultPart):
    key: dict[str, str]
    label: str
    count: int | None
    verdicts: dict[str, int | None]
    rates: dict[str, Rate]
    small: bool
    advice: SampleAdvice | None


@dataclass(frozen=True, kw_only=True)
class ErrorResult(ResultPart):
    kind: Literal["errors"] = "errors"
    schema_version: int = SCHEMA_VERSION
    source: str
    verdict_column: str
    group_columns: list[str]
    confidence: float
    min_group_size: int
    publication: bool
    suppression_limit: int
    overall: ErrorRates
    groups: list[ErrorRates]
    warnings: list[str]


@dataclass(frozen=True, kw_only=True)
class ColumnProfile(ResultPart):
    name: str
    stored_type: str
    inferred_type: InferredType
    present: int
    missing: int
    completeness: float
    valid: int
    """Present values that read as the inferred type."""
    validity: float | None
    distinct: int
    invalid_examples: list[str]


@dataclass(frozen=True, kw_only=True)
class RepresentationRow(ResultPart):
    group: str
    observed: int | None
    observed_share: float | None
    reference_share: float
    ratio: float | None


@dataclass(frozen=True, kw_only=True)
class Representation(ResultPart):
    characteristic: str
    rows: list[RepresentationRow]
    chi_square: float | None
    degrees_of_freedom: int
    p_value: float | None
    excluded_missing: int
    notes: list[str]


@dataclass(frozen=True, kw_only=True)
class QualityResult(ResultPart):
    kind: Literal["quality"] = "quality"
    schema_version: int = SCHEMA_VERSION
    source: str
    rows: int
    duplicate_rows: int
    columns: list[ColumnProfile]
    representation: list[Representation]
    publication: bool
    suppression_limit: int
    warnings: list[str]


AuditResult = BiasResult | ErrorResult | QualityResult
"""Any audit's result; ``kind`` tells them apart."""
