"""The "which metric matters" decision guide: YAML content with a typed schema.

The schema is the frozen dataclasses below: :meth:`MetricGuide.from_data` checks the
YAML's data against their field types (no unknown or missing fields, every value of
its declared type, answers from the allowed choices) and then the rules between
fields, raising :class:`GuideError` saying where the content is wrong.
"""

from __future__ import annotations

import dataclasses
import itertools
import types
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import yaml

from coopai.audit.metrics import METRIC_NAMES, SELECTION_ONLY_METRICS
from coopai.audit.results import Headline

Use = Literal["assistive", "punitive"]
WorseError = Literal["false_positive", "false_negative", "both"]
USES: tuple[Use, ...] = ("assistive", "punitive")
WORSE_ERRORS: tuple[WorseError, ...] = ("false_positive", "false_negative", "both")


class GuideError(ValueError):
    """The metric guide's content does not fit its schema."""


@dataclass(frozen=True, kw_only=True)
class Question:
    text: str
    options: dict[str, str]


@dataclass(frozen=True, kw_only=True)
class Rule:
    use: Use | None
    worse_error: WorseError
    metrics: list[str]
    explanation: str

    def __post_init__(self) -> None:
        unknown = [name for name in self.metrics if name not in METRIC_NAMES]
        if unknown or not self.metrics:
            raise GuideError(f"rule names unknown metrics {unknown} or none at all")


@dataclass(frozen=True, kw_only=True)
class Questions:
    use: Question
    worse_error: Question


@dataclass(frozen=True, kw_only=True)
class MetricGuide:
    version: str
    questions: Questions
    rules: list[Rule]
    selection_only_note: str

    def __post_init__(self) -> None:
        keys = [(rule.use, rule.worse_error) for rule in self.rules]
        expected = set(itertools.product((*USES, None), WORSE_ERRORS))
        if len(keys) != len(set(keys)) or set(keys) != expected:
            raise GuideError("the guide needs exactly one rule per (use, worse_error) answer")
        if set(self.questions.use.options) != set(USES) or set(
            self.questions.worse_error.options
        ) != set(WORSE_ERRORS):
            raise GuideError("question options must match the answers the rules use")

    @classmethod
    def from_data(cls, data: object) -> MetricGuide:
        """The guide from its YAML's data, checked against the schema; else GuideError."""
        guide: MetricGuide = _read(cls, data, "guide")
        return guide

    def choose(self, use: Use | None, worse_error: WorseError | None, has_label: bool) -> Headline:
        answer = worse_error or "both"
        rule = next(r for r in self.rules if r.use == use and r.worse_error == answer)
        metrics, explanation = rule.metrics, rule.explanation
        if not has_label:
            metrics = list(SELECTION_ONLY_METRICS)
            explanation = self.selection_only_note
        return Headline(
            use=use,
            worse_error=worse_error,
            metrics=metrics,
            explanation=" ".join(explanation.split()),
            guide_version=self.version,
        )


def _read(kind: Any, value: object, where: str) -> Any:
    """``value`` checked against the type ``kind``, dataclasses built from mappings."""
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(value, dict):
            raise GuideError(f"{where}: expected a mapping, not {value!r}")
        hints = get_type_hints(kind)
        names = [field.name for field in dataclasses.fields(kind)]
        unknown = [str(name) for name in value if name not in names]
        missing = [name for name in names if name not in value]
        if unknown or missing:
            raise GuideError(f"{where}: unknown fields {unknown}, missing fields {missing}")
        return kind(**{name: _read(hints[name], value[name], f"{where}.{name}") for name in names})
    origin, args = get_origin(kind), get_args(kind)
    if origin is Literal:
        if not any(value == arg and type(value) is type(arg) for arg in args):
            raise GuideError(f"{where}: expected one of {list(args)}, not {value!r}")
        return value
    if origin is Union or origin is types.UnionType:
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _read(arg, value, where)
            except GuideError as error:
                errors.append(str(error))
        raise GuideError("; ".join(errors))
    if origin is list:
        if not isinstance(value, list):
            raise GuideError(f"{where}: expected a list, not {value!r}")
        return [_read(args[0], item, f"{where}.{i}") for i, item in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise GuideError(f"{where}: expected a mapping, not {value!r}")
        return {
            _read(args[0], key, f"{where} key"): _read(args[1], item, f"{where}.{key}")
            for key, item in value.items()
        }
    if kind is str:
        if not isinstance(value, str):
            raise GuideError(f"{where}: expected text, not {value!r}")
        return value
    raise TypeError(f"the guide's schema uses a type it cannot check: {kind!r}")


@cache
def load_guide() -> MetricGuide:
    text = resources.files("coopai.audit").joinpath("content/metric_guide.yaml").read_text("utf-8")
    # libyaml's safe loader when PyYAML was built with it: the same data, ten times faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return MetricGuide.from_data(yaml.load(text, Loader=loader))
