"""Group metrics computed from confusion-matrix counts.

Every rate is a proportion numerator/denominator with a Wilson interval. A rate
whose denominator is zero is "not defined" (None), never 0: a group with no
actual positives has no true positive rate, which is different from a rate of 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from coopai.audit.results import Rate
from coopai.audit.stats import CONFIDENCE, wilson_interval

MetricName = Literal[
    "selection_rate",
    "base_rate",
    "accuracy",
    "tpr",
    "fpr",
    "fnr",
    "tnr",
    "precision",
    "npv",
    "fdr",
    "for",
]
METRIC_NAMES: tuple[MetricName, ...] = get_args(MetricName)
SELECTION_ONLY_METRICS: tuple[MetricName, ...] = ("selection_rate",)

METRIC_TITLES: dict[str, str] = {
    "selection_rate": "Selection rate",
    "base_rate": "Base rate",
    "accuracy": "Accuracy",
    "tpr": "True positive rate",
    "fpr": "False positive rate",
    "fnr": "False negative rate",
    "tnr": "True negative rate",
    "precision": "Precision (PPV)",
    "npv": "Negative predictive value",
    "fdr": "False discovery rate",
    "for": "False omission rate",
}

METRIC_MEANINGS: dict[str, str] = {
    "selection_rate": "How often people in the group are selected: flagged, offered help, or "
    "whatever the AI's decision is.",
    "base_rate": "How often the outcome really happens to people in the group.",
    "accuracy": "How often the AI is right about people in the group.",
    "tpr": "Of the people the outcome happens to, how many the AI selects.",
    "fpr": "Of the people the outcome does not happen to, how many the AI selects anyway: "
    "false positives, people selected who should not have been.",
    "fnr": "Of the people the outcome happens to, how many the AI misses: false negatives, "
    "people not selected who should have been.",
    "tnr": "Of the people the outcome does not happen to, how many the AI rightly leaves alone.",
    "precision": "Of the people selected, how many the outcome really happens to.",
    "npv": "Of the people not selected, how many the outcome really does not happen to.",
    "fdr": "Of the people selected, how many should not have been (false positives).",
    "for": "Of the people not selected, how many should have been (false negatives).",
}
"""Each metric in a sentence, for a person meeting it for the first time."""


@dataclass(frozen=True)
class Counts:
    """Counts for one group. Without a label only ``count`` and ``selected`` are known."""

    count: int
    selected: int
    tp: int | None = None
    fp: int | None = None
    fn: int | None = None
    tn: int | None = None

    @property
    def has_label(self) -> bool:
        return self.tp is not None

    def __add__(self, other: Counts) -> Counts:
        def add(a: int | None, b: int | None) -> int | None:
            return None if a is None or b is None else a + b

        return Counts(
            self.count + other.count,
            self.selected + other.selected,
            add(self.tp, other.tp),
            add(self.fp, other.fp),
            add(self.fn, other.fn),
            add(self.tn, other.tn),
        )


def rate(numerator: int, denominator: int, confidence: float = CONFIDENCE) -> Rate:
    interval = wilson_interval(numerator, denominator, confidence)
    if interval is None:
        return Rate(numerator=numerator, denominator=denominator)
    return Rate(
        numerator=numerator,
        denominator=denominator,
        value=numerator / denominator,
        low=interval.low,
        high=interval.high,
    )


def group_metrics(counts: Counts, confidence: float = CONFIDENCE) -> dict[MetricName, Rate]:
    """Every metric the counts allow: selection rate alone without a label, else all."""
    metrics: dict[MetricName, Rate] = {
        "selection_rate": rate(counts.selected, counts.count, confidence)
    }
    if counts.tp is None or counts.fp is None or counts.fn is None or counts.tn is None:
        return metrics
    tp, fp, fn, tn = counts.tp, counts.fp, counts.fn, counts.tn
    actual_positive, actual_negative = tp + fn, fp + tn
    predicted_positive, predicted_negative = tp + fp, fn + tn
    metrics.update(
        {
            "base_rate": rate(actual_positive, counts.count, confidence),
            "accuracy": rate(tp + tn, counts.count, confidence),
            "tpr": rate(tp, actual_positive, confidence),
            "fpr": rate(fp, actual_negative, confidence),
            "fnr": rate(fn, actual_positive, confidence),
            "tnr": rate(tn, actual_negative, confidence),
            "precision": rate(tp, predicted_positive, confidence),
            "npv": rate(tn, predicted_negative, confidence),
            "fdr": rate(fp, predicted_positive, confidence),
            "for": rate(fn, predicted_negative, confidence),
        }
    )
    return metrics
