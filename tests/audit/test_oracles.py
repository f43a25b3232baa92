"""coopai's metrics checked against two independent implementations: fairlearn and aequitas.

Both are test-only dependencies. On generated data with awkward groups (a group with
only negatives, one with only positives, one where everyone is selected, a category
that never occurs) every metric both sides define must agree to 1e-12.
"""

from __future__ import annotations

import math

import aequitas.bias as aequitas_bias
import aequitas.group as aequitas_group
import fairlearn.metrics as fairlearn_metrics
import numpy as np
import pandas as pd
import pytest

from coopai.audit import BiasMapping, bias_audit

from .conftest import write_parquet

TOLERANCE = 1e-12
# coopai metric name -> aequitas crosstab column
AEQUITAS_NAMES = {
    "selection_rate": "pprev",
    "base_rate": "prev",
    "accuracy": "accuracy",
    "tpr": "tpr",
    "fpr": "fpr",
    "fnr": "fnr",
    "tnr": "tnr",
    "precision": "precision",
    "npv": "npv",
    "fdr": "fdr",
    "for": "for",
}


def awkward_outputs(seed: int, rows: int = 3000) -> pd.DataFrame:
    generator = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "sex": generator.choice(["F", "M", "X"], size=rows, p=[0.5, 0.45, 0.05]),
            "band": generator.choice(["16-24", "25-64", "65+"], size=rows),
            "score": np.round(generator.random(rows), 3),
            "label": (generator.random(rows) < 0.35).astype(int),
        }
    )
    frame["prediction"] = (frame["score"] >= 0.6).astype(int)
    # Empty intersections: X occurs only in the youngest band.
    frame.loc[frame["sex"] == "X", "band"] = "16-24"
    # Single-class groups: X has no actual positives; 65+ is everyone selected and
    # every outcome positive, so its FPR, TNR, NPV and FOR are not defined.
    frame.loc[frame["sex"] == "X", "label"] = 0
    frame.loc[frame["band"] == "65+", ["prediction", "label"]] = 1
    return frame


@pytest.fixture(scope="module", params=[1, 2, 3])
def audited(request, tmp_path_factory):
    frame = awkward_outputs(request.param)
    path = write_parquet(tmp_path_factory.mktemp("oracle") / "outputs.parquet", frame)
    result = bias_audit(
        path,
        mapping=BiasMapping(
            protected=["sex", "band"],
            prediction="prediction",
            label="label",
            reference={"sex": "F", "band": "25-64"},
        ),
    )
    return frame, result


def ours(result, column):
    dimension = next(d for d in result.dimensions if d.characteristics == [column])
    return {group.key[column]: group for group in dimension.groups}


def assert_close(theirs: float, mine: float | None, where: str) -> None:
    if mine is None or theirs is None or math.isnan(theirs):
        return
    assert abs(theirs - mine) <= TOLERANCE, f"{where}: theirs {theirs!r}, ours {mine!r}"


@pytest.mark.parametrize("column", ["sex", "band"])
def test_every_metric_matches_aequitas(audited, column):
    frame, result = audited
    crosstab, _ = aequitas_group.Group().get_crosstabs(
        frame[[column, "prediction", "label"]].rename(
            columns={"prediction": "score", "label": "label_value"}
        ),
        attr_cols=[column],
    )
    groups = ours(result, column)
    assert set(crosstab["attribute_value"]) == set(groups)
    compared = 0
    for _, row in crosstab.iterrows():
        group = groups[row["attribute_value"]]
        assert group.count == row["group_size"]
        assert (group.confusion.tp, group.confusion.fp) == (row["tp"], row["fp"])
        assert (group.confusion.fn, group.confusion.tn) == (row["fn"], row["tn"])
        for name, theirs in AEQUITAS_NAMES.items():
            mine = group.metrics[name].value
            # "Not defined" must mean the same on both sides: None here, NaN there.
            assert (mine is None) == bool(np.isnan(row[theirs])), f"{group.label} {name}"
            assert_close(row[theirs], mine, f"{group.label} {name}")
            compared += mine is not None
    assert compared > 0


@pytest.mark.parametrize("column", ["sex", "band"])
def test_disparity_ratios_match_aequitas(audited, column):
    frame, result = audited
    data = frame[[column, "prediction", "label"]].rename(
        columns={"prediction": "score", "label": "label_value"}
    )
    crosstab, _ = aequitas_group.Group().get_crosstabs(data, attr_cols=[column])
    reference = {"sex": "F", "band": "25-64"}[column]
    disparities = aequitas_bias.Bias().get_disparity_predefined_groups(
        crosstab, original_df=data, ref_groups_dict={column: reference}, mask_significance=True
    )
    groups = ours(result, column)
    for _, row in disparities.iterrows():
        group = groups[row["attribute_value"]]
        for name in ("tpr", "fpr", "fnr", "tnr", "precision", "npv", "fdr", "for"):
            theirs = row[f"{AEQUITAS_NAMES[name]}_disparity"]
            assert_close(theirs, group.disparities[name].ratio, f"{group.label} {name} ratio")


def _fairlearn_frame(frame, column):
    zero = {"zero_division": np.nan}
    metrics = {
        "count": fairlearn_metrics.count,
        "selection_rate": fairlearn_metrics.selection_rate,
        "tpr": fairlearn_metrics.true_positive_rate,
        "fpr": fairlearn_metrics.false_positive_rate,
        "fnr": fairlearn_metrics.false_negative_rate,
        "tnr": fairlearn_metrics.true_negative_rate,
    }
    from sklearn.metrics import accuracy_score, precision_score

    metrics["accuracy"] = accuracy_score
    metrics["precision"] = lambda y, p: precision_score(y, p, **zero)
    return fairlearn_metrics.MetricFrame(
        metrics=metrics,
        y_true=frame["label"],
        y_pred=frame["prediction"],
        sensitive_features=frame[column],
    )


@pytest.mark.parametrize("column", ["sex", "band"])
def test_every_shared_metric_matches_fairlearn(audited, column):
    frame, result = audited
    by_group = _fairlearn_frame(frame, column).by_group
    groups = ours(result, column)
    assert set(by_group.index) == set(groups)
    compared = 0
    for value, row in by_group.iterrows():
        group = groups[value]
        assert group.count == row["count"]
        for name in ("selection_rate", "tpr", "fpr", "fnr", "tnr", "accuracy", "precision"):
            assert_close(row[name], group.metrics[name].value, f"{group.label} {name}")
            compared += group.metrics[name].value is not None
    assert compared >= 3 * len(groups)


def test_the_intersection_matches_fairlearn_over_two_features(audited):
    frame, result = audited
    by_group = fairlearn_metrics.MetricFrame(
        metrics={
            "count": fairlearn_metrics.count,
            "selection_rate": fairlearn_metrics.selection_rate,
        },
        y_true=frame["label"],
        y_pred=frame["prediction"],
        sensitive_features=frame[["sex", "band"]],
    ).by_group
    crossed = {tuple(g.key.values()): g for g in result.dimensions[2].groups}
    observed = by_group.dropna()
    assert set(observed.index) == set(crossed)
    for key, row in observed.iterrows():
        assert crossed[key].count == row["count"]
        assert_close(row["selection_rate"], crossed[key].metrics["selection_rate"].value, str(key))


def test_empty_intersections_are_left_out_rather_than_reported_as_zero(audited):
    frame, result = audited
    crossed = {tuple(g.key.values()) for g in result.dimensions[2].groups}
    present = set(frame[["sex", "band"]].itertuples(index=False, name=None))
    assert crossed == present
    assert ("X", "65+") not in crossed
