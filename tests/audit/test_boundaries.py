"""The audit engine's thresholds, tried on, just under and just over each boundary.

Each test here was written against a mutant that the other tests let survive (see
docs/development.md, "Mutation testing"): a comparison turned from < into <=, or one
side of a rule dropped.
"""

from __future__ import annotations

import pytest

from coopai.audit import (
    AuditInputError,
    BiasMapping,
    BiasOptions,
    bias_audit,
    error_audit,
    publishable_errors,
)
from coopai.audit.publish import SUPPRESSION_LIMIT, publishable_bias, publishable_quality
from coopai.audit.quality import quality_profile
from coopai.audit.stats import (
    Interval,
    chi_square_goodness_of_fit,
    samples_for_width,
    wilson_interval,
)

LIMIT = SUPPRESSION_LIMIT


def selections(rates: dict[str, tuple[int, int]]) -> dict[str, list[object]]:
    """One row per person: group -> (people, selected)."""
    group: list[object] = []
    pred: list[object] = []
    for name, (people, selected) in rates.items():
        group += [name] * people
        pred += [1] * selected + [0] * (people - selected)
    return {"group": group, "pred": pred}


def against_ref(table_file, columns):
    """The bias audit of ``columns`` with the group called "ref" as every group's reference."""
    mapping = BiasMapping(protected=["group"], prediction="pred", reference={"group": "ref"})
    return bias_audit(table_file(columns), mapping=mapping)


def groups_of(result):
    return {group.label: group for group in result.dimensions[0].groups}


def test_the_suppression_limit_is_ten():
    assert LIMIT == 10


@pytest.mark.parametrize(("harmful", "published"), [(9, None), (10, 10), (11, 11)])
def test_a_count_is_withheld_only_when_under_the_limit(table_file, harmful, published):
    reviews = {"verdict": ["correct"] * 40 + ["harmful"] * harmful}
    result = publishable_errors(error_audit(table_file(reviews), verdict="verdict"))
    assert result.overall.verdicts["harmful"] == published
    assert result.overall.rates["harmful"].suppressed is (published is None)


@pytest.mark.parametrize(("correct", "suppressed"), [(9, True), (10, False), (11, False)])
def test_a_rate_is_withheld_when_what_it_leaves_out_is_under_the_limit(
    table_file, correct, suppressed
):
    # 40 harmful and `correct` correct: the any-error rate's numerator and denominator
    # are large, but the denominator minus the numerator is the count of correct ones.
    reviews = {"verdict": ["correct"] * correct + ["harmful"] * 40}
    result = publishable_errors(error_audit(table_file(reviews), verdict="verdict"))
    any_error = result.overall.rates["any_error"]
    assert any_error.suppressed is suppressed
    assert (any_error.numerator is None) is suppressed


@pytest.mark.parametrize(("people", "published"), [(9, None), (10, 10), (11, 11)])
def test_a_groups_size_is_withheld_only_when_under_the_limit(table_file, people, published):
    columns = selections({"a": (100, 50), "b": (people, 0)})
    result = publishable_bias(
        bias_audit(table_file(columns), mapping=BiasMapping(protected=["group"], prediction="pred"))
    )
    assert groups_of(result)["group=b"].count == published


@pytest.mark.parametrize(("people", "published"), [(9, None), (10, 10), (11, 11)])
def test_a_row_count_is_withheld_only_when_under_the_limit(table_file, people, published):
    columns = selections({"a": (people, 0)})
    result = publishable_bias(
        bias_audit(table_file(columns), mapping=BiasMapping(protected=["group"], prediction="pred"))
    )
    assert result.rows == published


@pytest.mark.parametrize(("people", "published"), [(9, None), (10, 10), (11, 11)])
def test_an_observed_representation_is_withheld_only_when_under_the_limit(
    table_file, tmp_path, people, published
):
    reference = tmp_path / "population.csv"
    reference.write_text("group,share\na,0.9\nb,0.1\n")
    columns = {"group": ["a"] * 100 + ["b"] * people}
    quality = quality_profile(
        table_file(columns), protected=["group"], reference_population=reference
    )
    rows = {row.group: row for row in publishable_quality(quality).representation[0].rows}
    assert rows["b"].observed == published
    assert (rows["b"].ratio is None) is (published is None)
    assert rows["a"].observed == 100


def test_withholding_one_groups_selection_rate_withholds_every_four_fifths_ratio(table_file):
    # b's 5 selected of 100 is withheld; a's ratio against the highest rate stays hidden too.
    columns = selections({"a": (100, 50), "b": (100, 5)})
    result = publishable_bias(
        bias_audit(table_file(columns), mapping=BiasMapping(protected=["group"], prediction="pred"))
    )
    a = groups_of(result)["group=a"]
    assert (a.four_fifths.highest_rate, a.four_fifths.ratio) == (None, None)
    assert a.four_fifths.favourable_rate == 0.5


def test_a_group_with_nothing_withheld_keeps_its_four_fifths_figures(table_file):
    columns = selections({"a": (100, 50), "b": (100, 40)})
    result = publishable_bias(
        bias_audit(table_file(columns), mapping=BiasMapping(protected=["group"], prediction="pred"))
    )
    b = groups_of(result)["group=b"]
    assert (b.four_fifths.favourable_rate, b.four_fifths.highest_rate) == (0.4, 0.5)
    assert b.four_fifths.ratio == 0.8


@pytest.mark.parametrize(("selected", "passes"), [(39, False), (40, True), (41, True)])
def test_a_four_fifths_ratio_of_exactly_point_eight_passes(table_file, selected, passes):
    # 50 of 100 is the highest rate; 40 of 100 is exactly four fifths of it.
    columns = selections({"a": (100, 50), "b": (100, selected)})
    result = bias_audit(
        table_file(columns), mapping=BiasMapping(protected=["group"], prediction="pred")
    )
    four_fifths = groups_of(result)["group=b"].four_fifths
    assert four_fifths.ratio == selected / 100 / 0.5
    assert four_fifths.passes is passes


# 1,000 people in each group keep every interval narrow enough to be clear of chance, so
# only materiality decides the flag. The reference selects 500 of 1,000 (a rate of 0.5);
# with the default materiality of 0.8 a ratio is material below 0.8 or above 1 / 0.8 = 1.25.
@pytest.mark.parametrize(
    ("selected", "flagged"),
    [(399, True), (400, False), (401, False), (624, False), (625, False), (626, True)],
)
def test_a_ratio_is_material_below_the_materiality_or_above_its_inverse(
    table_file, selected, flagged
):
    columns = selections({"a": (1000, selected), "ref": (1000, 500)})
    result = against_ref(table_file, columns)
    disparity = groups_of(result)["group=a"].disparities["selection_rate"]
    assert disparity.clear_of_chance
    assert disparity.ratio == selected / 1000 / 0.5
    assert disparity.flagged is flagged


@pytest.mark.parametrize(("people", "small"), [(29, True), (30, False), (31, False)])
def test_a_group_is_too_small_to_judge_only_under_the_minimum_size(table_file, people, small):
    columns = selections({"a": (people, 0), "ref": (1000, 500)})
    result = bias_audit(
        table_file(columns), mapping=BiasMapping(protected=["group"], prediction="pred")
    )
    a = groups_of(result)["group=a"]
    assert a.small is small
    assert a.disparities["selection_rate"].flagged is not small


def test_each_confusion_cell_under_the_limit_is_withheld(table_file):
    # Group a: tp 9, fp 10, fn 11, tn 70. Group b is there so a is not everyone.
    pairs = [(1, 1)] * 9 + [(1, 0)] * 10 + [(0, 1)] * 11 + [(0, 0)] * 70
    columns = {
        "group": ["a"] * 100 + ["b"] * 100,
        "pred": [p for p, _ in pairs] + [1, 0] * 50,
        "outcome": [y for _, y in pairs] + [1, 1, 0, 0] * 25,
    }
    result = publishable_bias(
        bias_audit(
            table_file(columns),
            mapping=BiasMapping(protected=["group"], prediction="pred", label="outcome"),
        )
    )
    confusion = groups_of(result)["group=a"].confusion
    assert (confusion.tp, confusion.fp, confusion.fn, confusion.tn) == (None, 10, 11, 70)
    assert result.publication
    assert result.overall.count == 200


def test_a_withheld_reference_rate_withholds_every_disparity_against_it(table_file):
    # The chosen reference selects 5 of 200, which is withheld; a's own rate is not.
    columns = selections({"a": (100, 50), "ref": (200, 5)})
    result = publishable_bias(against_ref(table_file, columns))
    a = groups_of(result)["group=a"]
    assert a.metrics["selection_rate"].value == 0.5
    disparity = a.disparities["selection_rate"]
    assert (disparity.ratio, disparity.difference) == (None, None)


def test_a_disparity_between_two_published_rates_keeps_its_figures(table_file):
    columns = selections({"a": (100, 40), "ref": (100, 50)})
    result = publishable_bias(against_ref(table_file, columns))
    disparity = groups_of(result)["group=a"].disparities["selection_rate"]
    assert disparity.ratio == 0.8
    assert disparity.difference == pytest.approx(-0.1)


def test_each_groups_error_counts_are_suppressed_and_marked_for_publication(table_file):
    reviews = {
        "verdict": ["correct"] * 9 + ["correct"] * 40 + ["harmful"] * 9,
        "team": ["small"] * 9 + ["large"] * 49,
    }
    result = publishable_errors(
        error_audit(table_file(reviews), verdict="verdict", groups=["team"])
    )
    by_label = {group.label: group for group in result.groups}
    assert result.publication
    assert by_label["team=small"].count is None
    assert by_label["team=small"].verdicts["correct"] is None
    assert by_label["team=large"].count == 49
    assert by_label["team=large"].verdicts["harmful"] is None
    assert by_label["team=large"].rates["harmful"].suppressed


@pytest.mark.parametrize(
    ("observed", "shares"),
    [([10], [1.0]), ([10, 20], [0.5]), ([10, 20, 30], [0.5, 0.5])],
)
def test_chi_square_needs_two_categories_each_with_a_share(observed, shares):
    with pytest.raises(ValueError, match="at least two categories"):
        chi_square_goodness_of_fit(observed, shares)


def test_chi_square_tests_against_the_given_shares_not_equal_ones():
    # 30 and 70 are exactly the expected counts for shares of 0.3 and 0.7.
    fit = chi_square_goodness_of_fit([30, 70], [0.3, 0.7])
    assert fit.statistic == pytest.approx(0.0)
    assert fit.p_value == pytest.approx(1.0)
    assert fit.degrees_of_freedom == 1


@pytest.mark.parametrize(
    ("materiality", "refused"), [(-0.1, True), (0.0, True), (0.5, False), (1.0, False), (1.5, True)]
)
def test_materiality_must_be_above_zero_and_at_most_one(table_file, materiality, refused):
    path = table_file(selections({"a": (10, 5)}))
    mapping = BiasMapping(protected=["group"], prediction="pred")
    if refused:
        with pytest.raises(AuditInputError, match="materiality must be above 0 and at most 1"):
            bias_audit(path, mapping=mapping, options=BiasOptions(materiality=materiality))
    else:
        result = bias_audit(path, mapping=mapping, options=BiasOptions(materiality=materiality))
        assert result.materiality == materiality


@pytest.mark.parametrize("threshold", [0.2, 0.5, 0.9])
def test_a_threshold_on_the_lowest_or_highest_score_is_inside_the_range(table_file, threshold):
    columns = {"group": ["a"] * 4, "risk": [0.2, 0.5, 0.5, 0.9]}
    mapping = BiasMapping(protected=["group"], score="risk", threshold=threshold)
    result = bias_audit(table_file(columns), mapping=mapping)
    assert result.columns.threshold == threshold


@pytest.mark.parametrize("threshold", [0.19, 0.91])
def test_a_threshold_outside_the_scores_is_refused(table_file, threshold):
    columns = {"group": ["a"] * 4, "risk": [0.2, 0.5, 0.5, 0.9]}
    mapping = BiasMapping(protected=["group"], score="risk", threshold=threshold)
    with pytest.raises(AuditInputError, match="outside the scores' range"):
        bias_audit(table_file(columns), mapping=mapping)


def test_an_intersection_of_one_column_adds_no_dimension():
    mapping = BiasMapping(protected=["sex", "age"], prediction="pred", intersections=[["sex"]])
    assert mapping.dimensions() == [("sex",), ("age",)]
    assert BiasMapping(protected=["sex"], prediction="pred").dimensions() == [("sex",)]


def test_an_intersection_naming_an_unprotected_column_is_refused_with_its_name():
    mapping = BiasMapping(protected=["sex"], prediction="pred", intersections=[["sex", "age"]])
    (problem,) = mapping.problems()
    assert "['age']" in problem.message


def test_a_punitive_use_makes_not_being_selected_the_favourable_outcome(table_file):
    columns = selections({"a": (100, 50), "b": (100, 40)})
    result = bias_audit(
        table_file(columns),
        mapping=BiasMapping(protected=["group"], prediction="pred"),
        options=BiasOptions(use="punitive"),
    )
    assert result.favourable_outcome == "not_selected"
    assert groups_of(result)["group=a"].four_fifths.favourable_rate == 0.5
    assert groups_of(result)["group=b"].four_fifths.favourable_rate == 0.6


# The statistics, the error audit's arguments and groups, and the quality profile's edges.


def test_intervals_that_only_touch_overlap_either_way_round():
    lower, upper = Interval(0.1, 0.2), Interval(0.2, 0.3)
    assert lower.overlaps(upper)
    assert upper.overlaps(lower)


@pytest.mark.parametrize(("proportion", "width"), [(0.5, 0.0), (0.5, 1.0), (1.5, 0.1)])
def test_a_sample_size_needs_a_width_inside_0_to_1_and_a_proportion_at_most_1(proportion, width):
    with pytest.raises(ValueError, match="between 0 and 1"):
        samples_for_width(proportion, width)


def test_a_proportion_of_exactly_1_is_allowed():
    assert samples_for_width(1.0, 0.1) >= 1


def test_a_width_reached_exactly_needs_no_bigger_sample():
    needed = samples_for_width(0.3, 0.1)
    reached = wilson_interval(0.3 * needed, needed)
    assert reached is not None
    assert samples_for_width(0.3, reached.width) == needed


def test_a_sample_size_under_a_ceiling_that_is_a_power_of_two_is_still_exact():
    needed = samples_for_width(0.5, 0.2)
    ceiling = 1 << (needed - 1).bit_length()
    assert needed < ceiling, "the example needs a size that is not a power of two"
    assert samples_for_width(0.5, 0.2, ceiling=ceiling) == needed


@pytest.mark.parametrize("width", [0.0, 1.0, 1.5])
def test_an_error_audit_needs_a_target_width_inside_0_to_1(table_file, width):
    reviews = {"verdict": ["correct"] * 20}
    with pytest.raises(AuditInputError, match="target interval width"):
        error_audit(table_file(reviews), verdict="verdict", target_width=width)


@pytest.mark.parametrize("groups", [["verdict"], ["language", "language"]])
def test_each_group_column_is_named_once_and_is_not_the_verdict(table_file, groups):
    reviews = {"verdict": ["correct"] * 20, "language": ["English"] * 20}
    with pytest.raises(AuditInputError, match="named once"):
        error_audit(table_file(reviews), verdict="verdict", groups=groups)


@pytest.mark.parametrize(("reviews", "small"), [(29, True), (30, False), (31, False)])
def test_an_error_group_is_small_only_under_the_minimum_size(table_file, reviews, small):
    columns = {"verdict": ["correct"] * reviews, "language": ["English"] * reviews}
    result = error_audit(table_file(columns), verdict="verdict", groups=["language"])
    assert [group.small for group in result.groups] == [small]


def test_two_group_columns_are_also_compared_together(table_file):
    columns = {
        "verdict": ["correct", "harmful"] * 20,
        "language": ["English", "Welsh"] * 20,
        "service": ["housing"] * 40,
    }
    result = error_audit(table_file(columns), verdict="verdict", groups=["language", "service"])
    keys = {tuple(group.key) for group in result.groups}
    assert ("language", "service") in keys


def _profile_of(table_file, columns, name):
    result = quality_profile(table_file(columns))
    return next(profile for profile in result.columns if profile.name == name), result


def test_a_column_exactly_95_percent_complete_is_not_warned_about(table_file):
    _, result = _profile_of(table_file, {"id": list(range(20)), "age": [*range(19), None]}, "age")
    assert not any(warning.startswith("age is") for warning in result.warnings)
    _, short = _profile_of(
        table_file, {"id": list(range(20)), "age": [*range(18), None, None]}, "age"
    )
    assert any(warning.startswith("age is") for warning in short.warnings)


def test_text_that_is_exactly_half_numbers_stays_text(table_file):
    half, _ = _profile_of(table_file, {"code": ["12", "34", "ab", "cd"]}, "code")
    most, _ = _profile_of(table_file, {"code": ["12", "34", "56", "cd"]}, "code")
    assert half.inferred_type == "text"
    assert most.inferred_type == "integer"


def test_a_column_with_one_value_is_not_empty_and_one_with_none_is(table_file):
    one, _ = _profile_of(table_file, {"id": [1, 2, 3], "note": ["x", None, None]}, "note")
    none, _ = _profile_of(table_file, {"id": [1, 2, 3], "note": [None, None, None]}, "note")
    assert one.inferred_type != "empty"
    assert none.inferred_type == "empty"


def _represented(table_file, tmp_path, people, shares):
    reference = tmp_path / "reference.csv"
    reference.write_text("group,share\n" + "".join(f"{g},{s}\n" for g, s in shares.items()))
    result = quality_profile(
        table_file({"sex": people}), protected=["sex"], reference_population=reference
    )
    return result.representation[0]


@pytest.mark.parametrize(
    ("shares", "accepted"), [((50, 49.5), True), ((50, 51), True), ((50, 51.005), False)]
)
def test_percentages_may_add_up_to_within_one_of_100(table_file, tmp_path, shares, accepted):
    people = ["F", "M"] * 10
    given = dict(zip(["F", "M"], shares, strict=True))
    if accepted:
        assert _represented(table_file, tmp_path, people, given).rows
    else:
        with pytest.raises(AuditInputError, match="add up to"):
            _represented(table_file, tmp_path, people, given)


def test_groups_expecting_exactly_five_rows_are_not_called_unreliable(table_file, tmp_path):
    even = _represented(table_file, tmp_path, ["F", "M"] * 5, {"F": 0.5, "M": 0.5})
    fewer = _represented(table_file, tmp_path, ["F", "M"] * 4 + ["F"], {"F": 0.5, "M": 0.5})
    assert not any("unreliable" in note for note in even.notes)
    assert any("unreliable" in note for note in fewer.notes)


def test_one_reference_group_gives_no_test_and_one_row_still_gets_one(table_file, tmp_path):
    single = _represented(table_file, tmp_path, ["F"] * 20, {"F": 1.0})
    one_row = _represented(table_file, tmp_path, ["F"], {"F": 0.5, "M": 0.5})
    assert single.chi_square is None
    assert one_row.chi_square is not None


def test_a_column_a_parquet_file_stores_as_boolean_is_boolean(table_file):
    def stored(values):
        result = quality_profile(table_file({"id": [1, 2, 3], "flag": values}, "parquet"))
        return next(p for p in result.columns if p.name == "flag").inferred_type

    assert stored([True, False, True]) == "boolean"
    assert stored([1, 0, 1]) == "integer"
