"""The "which metric matters" decision guide: YAML content with a pydantic schema."""

from __future__ import annotations

import itertools
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

from coopai.audit.metrics import METRIC_NAMES, SELECTION_ONLY_METRICS
from coopai.audit.models import Headline

Use = Literal["assistive", "punitive"]
WorseError = Literal["false_positive", "false_negative", "both"]
USES: tuple[Use, ...] = ("assistive", "punitive")
WORSE_ERRORS: tuple[WorseError, ...] = ("false_positive", "false_negative", "both")


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str
    options: dict[str, str]


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    use: Use | None
    worse_error: WorseError
    metrics: list[str]
    explanation: str

    @model_validator(mode="after")
    def metrics_are_known(self) -> Rule:
        unknown = [name for name in self.metrics if name not in METRIC_NAMES]
        if unknown or not self.metrics:
            raise ValueError(f"rule names unknown metrics {unknown} or none at all")
        return self


class Questions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    use: Question
    worse_error: Question


class MetricGuide(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    questions: Questions
    rules: list[Rule]
    selection_only_note: str

    @model_validator(mode="after")
    def every_answer_has_one_rule(self) -> MetricGuide:
        keys = [(rule.use, rule.worse_error) for rule in self.rules]
        expected = set(itertools.product((*USES, None), WORSE_ERRORS))
        if len(keys) != len(set(keys)) or set(keys) != expected:
            raise ValueError("the guide needs exactly one rule per (use, worse_error) answer")
        if set(self.questions.use.options) != set(USES) or set(
            self.questions.worse_error.options
        ) != set(WORSE_ERRORS):
            raise ValueError("question options must match the answers the rules use")
        return self

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


@cache
def load_guide() -> MetricGuide:
    text = resources.files("coopai.audit").joinpath("content/metric_guide.yaml").read_text("utf-8")
    return MetricGuide.model_validate(yaml.safe_load(text))
