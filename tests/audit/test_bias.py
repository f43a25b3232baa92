from dataclasses import asdict

import pytest

from coopai.audit import AuditInputError, BiasMapping, BiasOptions, bias_audit

from .conftest import small_outputs


def by_label(result, dimension_index=0):
    return {group.label: group for group in result.dimensions[dimension_index].groups}


def test_it_counts_each_groups_confusion_matrix(table_file):
    result = bias_audit(
        table_file(small_outputs()),
        mapping=BiasMapping(protected=["sex"], prediction="pred", label="outcome"),
    )
    groups = by_label(result)
    assert asdict(groups["sex=F"].confusion) == {"tp": 2, "fp": 1, "fn": 1, "tn": 4}
    assert asdict(groups["sex=M"].confusion) == {"tp": 1, "fp": 2, "fn": 0, "tn": 1}
    assert asdict(result.overall.confusion) == {"tp": 3, "fp": 3, "fn": 1, "tn": 5}
    assert result.rows == 12


def test_it_computes_every_rate_from_the_counts(table_file):
    result = bias_audit(
        table_file(small_outputs()),
        mapping=BiasMapping(protected=["sex"], prediction="pred", label="outcome"),
    )
    female = by_label(result)["sex=F"].metrics
    expected = {
        "selection_rate": 3 / 8,
        "base_rate": 3 / 8,
        "accuracy": 6 / 8,
        "tpr": 2 / 3,
        "fpr": 1 / 5,
        "fnr": 1 / 3,
        "tnr": 4 / 5,
        "precision": 2 / 3,
        "npv": 4 / 5,
        "fdr": 1 / 3,
        "for": 1 / 5,
    }
    assert {name: female[name].value for name in expected} == expected
    assert by_label(result)["sex=F"].share.value == 8 / 12


def test_a_zero_denominator_gives_not_defined_rather_than_zero(table_file):
    result = bias_audit(
        table_file(small_outputs()),
        mapping=BiasMapping(protected=["sex"], prediction="pred", label="outcome"),
    )
    male = by_label(result)["sex=M"]
    # Men have no actual positives missed but one found: tpr defined; nobody is both
    # a negative prediction and a positive outcome, so FOR = 0/1 is defined and 0.
    assert male.metrics["for"].value == 0.0
    everyone_selected = small_outputs()
    everyone_selected["pred"] = [1] * 12
    result = bias_audit(
        table_file(everyone_selected, name="all"),
        mapping=BiasMapping(protected=["sex"], prediction="pred", label="outcome"),
    )
    female = by_label(result)["sex=F"].metrics
    assert female["npv"].value is None
    assert female["npv"].low is None
    assert female["for"].value is None


def test_the_largest_group_is_the_reference_unless_one_is_chosen(table_file):
    path = table_file(small_outputs())
    mapping = BiasMapping(protected=["sex"], prediction="pred", label="outcome")
    assert bias_audit(path, mapping=mapping).dimensions[0].reference == "sex=F"
    chosen = BiasMapping(
        protected=["sex"], prediction="pred", label="outcome", reference={"sex": "M"}
    )
    dimension = bias_audit(path, mapping=chosen).dimensions[0]
    assert (dimension.reference, dimension.reference_chosen_by) == ("sex=M", "user")
    female = {g.label: g for g in dimension.groups}["sex=F"]
    assert female.disparities["selection_rate"].ratio == (3 / 8) / (3 / 4)
    assert female.disparities["selection_rate"].difference == 3 / 8 - 3 / 4


def test_the_four_fifths_rule_compares_with_the_highest_favourable_rate(table_file):
    path = table_file(small_outputs())
    mapping = BiasMapping(protected=["sex"], prediction="pred", label="outcome")
    options = BiasOptions(min_group_size=1)
    groups = by_label(bias_audit(path, mapping=mapping, options=options))
    assert groups["sex=F"].four_fifths.ratio == (3 / 8) / (3 / 4)
    assert groups["sex=F"].four_fifths.passes is False
    assert groups["sex=M"].four_fifths.passes is True
    punitive = BiasOptions(min_group_size=1, use="punitive")
    groups = by_label(bias_audit(path, mapping=mapping, options=punitive))
    assert groups["sex=M"].four_fifths.ratio == (1 / 4) / (5 / 8)
    assert groups["sex=M"].four_fifths.passes is False


def test_a_disparity_is_flagged_only_when_clear_of_chance_and_material(table_file):
    columns = {
        "group": ["a"] * 1000 + ["b"] * 1000 + ["c"] * 40,
        "pred": [1] * 500 + [0] * 500 + [1] * 200 + [0] * 800 + [1] * 14 + [0] * 26,
    }
    result = bias_audit(
        table_file(columns), mapping=BiasMapping(protected=["group"], prediction="pred")
    )
    groups = by_label(result)
    assert groups["group=b"].disparities["selection_rate"].flagged
    # c's rate is also material (0.35 vs 0.5), but with 40 rows its interval reaches a's.
    assert not groups["group=c"].disparities["selection_rate"].clear_of_chance
    assert not groups["group=c"].disparities["selection_rate"].flagged
    assert not groups["group=a"].disparities["selection_rate"].flagged


def test_small_groups_are_warned_about_and_never_flagged(table_file):
    columns = {"group": ["a"] * 500 + ["b"] * 20, "pred": [1] * 500 + [0] * 20}
    result = bias_audit(
        table_file(columns), mapping=BiasMapping(protected=["group"], prediction="pred")
    )
    small = by_label(result)["group=b"]
    assert small.small
    assert small.disparities["selection_rate"].clear_of_chance
    assert not small.disparities["selection_rate"].flagged
    assert "There are fewer than 30 rows for people with group b" in result.warnings[0]


def test_intersections_cross_all_protected_columns_by_default(table_file):
    result = bias_audit(
        table_file(small_outputs()),
        mapping=BiasMapping(protected=["sex", "age_band"], prediction="pred", label="outcome"),
    )
    crossed = result.dimensions[2]
    assert crossed.characteristics == ["sex", "age_band"]
    assert sum(group.count for group in crossed.groups) == 12
    assert {g.label for g in crossed.groups} == {
        "sex=F & age_band=old",
        "sex=F & age_band=young",
        "sex=M & age_band=old",
        "sex=M & age_band=young",
    }


def test_a_score_and_threshold_make_the_prediction(table_file):
    path = table_file(small_outputs())
    from_scores = bias_audit(
        path,
        mapping=BiasMapping(protected=["sex"], score="risk", threshold=0.5, label="outcome"),
    )
    from_predictions = bias_audit(
        path, mapping=BiasMapping(protected=["sex"], prediction="pred", label="outcome")
    )
    assert from_scores.dimensions == from_predictions.dimensions


@pytest.mark.parametrize("fmt", ["parquet", "xlsx"])
def test_every_format_gives_the_same_result(table_file, fmt):
    mapping = BiasMapping(protected=["sex", "age_band"], prediction="pred", label="outcome")
    from_csv = bias_audit(table_file(small_outputs()), mapping=mapping)
    other = bias_audit(table_file(small_outputs(), fmt=fmt), mapping=mapping)
    assert other.dimensions == from_csv.dimensions
    assert other.overall == from_csv.overall


def test_without_a_label_only_the_selection_rate_is_reported(table_file):
    result = bias_audit(
        table_file(small_outputs()), mapping=BiasMapping(protected=["sex"], prediction="pred")
    )
    assert set(result.overall.metrics) == {"selection_rate"}
    assert result.overall.confusion is None
    assert result.headline.metrics == ["selection_rate"]


def test_missing_characteristics_form_their_own_group(table_file):
    columns = small_outputs()
    columns["sex"] = ["F"] * 8 + [""] * 4
    result = bias_audit(
        table_file(columns), mapping=BiasMapping(protected=["sex"], prediction="pred")
    )
    assert {g.label for g in result.dimensions[0].groups} == {"sex=F", "sex=(missing)"}


def test_booleans_and_true_false_text_are_read_as_one_and_zero(table_file):
    columns = small_outputs()
    columns["pred"] = ["true" if p else "False" for p in columns["pred"]]
    result = bias_audit(
        table_file(columns), mapping=BiasMapping(protected=["sex"], prediction="pred")
    )
    assert result.overall.metrics["selection_rate"].numerator == 6


def test_the_headline_follows_the_metric_guide(table_file):
    result = bias_audit(
        table_file(small_outputs()),
        mapping=BiasMapping(protected=["sex"], prediction="pred", label="outcome"),
        options=BiasOptions(use="punitive", worse_error="false_positive"),
    )
    assert result.headline.metrics == ["fpr", "fdr", "selection_rate"]
    assert "wrongly accused" in result.headline.explanation


def test_it_reports_progress_up_to_done(table_file):
    seen: list[float] = []
    bias_audit(
        table_file(small_outputs()),
        mapping=BiasMapping(protected=["sex"], prediction="pred"),
        on_progress=seen.append,
    )
    assert seen[-1] == 1.0
    assert all(0 <= fraction <= 1 for fraction in seen)


def test_an_unknown_reference_group_is_refused_with_the_groups_found(table_file):
    with pytest.raises(AuditInputError, match=r"sex=Q has no rows.*sex=F, sex=M"):
        bias_audit(
            table_file(small_outputs()),
            mapping=BiasMapping(protected=["sex"], prediction="pred", reference={"sex": "Q"}),
        )
