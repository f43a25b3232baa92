"""The audits' results as typed, JSON-serialisable models.

These models are the stable JSON format (``schema_version``); the JSON Schema
shipped beside them (``audit-result.schema.json``) is generated from them and a
test keeps the two in step. Undefined values are ``null``, never 0.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rate(Model):
    """A proportion with its Wilson interval; every field null when not defined."""

    numerator: int | None = None
    denominator: int | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    suppressed: bool = Field(
        default=False, description="Hidden for publication because a count is under the limit."
    )


class Confusion(Model):
    tp: int | None
    fp: int | None
    fn: int | None
    tn: int | None


class Disparity(Model):
    """One group's metric compared with the reference group's."""

    ratio: float | None = Field(description="group / reference; null if not defined")
    difference: float | None = Field(description="group - reference; null if not defined")
    clear_of_chance: bool = Field(description="The two groups' 95% Wilson intervals are apart.")
    flagged: bool = Field(
        description="Clear of chance, material (ratio outside the materiality band) and both "
        "groups large enough to judge."
    )


class FourFifths(Model):
    """The four-fifths rule on the favourable-outcome rate against the highest group."""

    favourable_rate: float | None
    highest_rate: float | None
    ratio: float | None
    passes: bool | None = Field(description="ratio >= 0.8; null when not defined")


class Group(Model):
    key: dict[str, str] = Field(description="characteristic -> group value")
    label: str
    count: int | None
    share: Rate
    small: bool = Field(description="Fewer rows than the minimum group size: too small to judge.")
    reference: bool
    confusion: Confusion | None
    metrics: dict[str, Rate]
    disparities: dict[str, Disparity]
    four_fifths: FourFifths


class Dimension(Model):
    characteristics: list[str]
    reference: str
    reference_chosen_by: Literal["largest", "user"]
    groups: list[Group]


class Headline(Model):
    use: Literal["assistive", "punitive"] | None
    worse_error: Literal["false_positive", "false_negative", "both"] | None
    metrics: list[str]
    explanation: str
    guide_version: str


class BiasColumns(Model):
    prediction: str | None
    score: str | None
    threshold: float | None
    label: str | None
    protected: list[str]


class BiasResult(Model):
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


class SampleAdvice(Model):
    target_width: float
    needed: int = Field(description="Sample size at which the interval is this narrow.")
    additional: int = Field(description="How many more reviewed samples that takes.")


class ErrorRates(Model):
    key: dict[str, str]
    label: str
    count: int | None
    verdicts: dict[str, int | None]
    rates: dict[str, Rate]
    small: bool
    advice: SampleAdvice | None


class ErrorResult(Model):
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


class ColumnProfile(Model):
    name: str
    stored_type: str
    inferred_type: Literal["integer", "number", "boolean", "date", "text", "empty"]
    present: int
    missing: int
    completeness: float
    valid: int = Field(description="Present values that read as the inferred type.")
    validity: float | None
    distinct: int
    invalid_examples: list[str]


class RepresentationRow(Model):
    group: str
    observed: int | None
    observed_share: float | None
    reference_share: float
    ratio: float | None


class Representation(Model):
    characteristic: str
    rows: list[RepresentationRow]
    chi_square: float | None
    degrees_of_freedom: int
    p_value: float | None
    excluded_missing: int
    notes: list[str]


class QualityResult(Model):
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


AuditResult = Annotated[BiasResult | ErrorResult | QualityResult, Field(discriminator="kind")]
