from coopai.audit import BiasMapping, bias_audit, error_audit, publishable_bias, publishable_errors
from coopai.audit.publish import publishable_quality
from coopai.audit.quality import quality_profile


def outputs():
    # 200 in group a (60 selected), 15 in group b (5 selected).
    return {
        "group": ["a"] * 200 + ["b"] * 15,
        "pred": [1] * 60 + [0] * 140 + [1] * 5 + [0] * 10,
    }


def test_counts_under_ten_and_rates_that_reveal_them_are_withheld(table_file):
    result = bias_audit(
        table_file(outputs()), mapping=BiasMapping(protected=["group"], prediction="pred")
    )
    published = publishable_bias(result)
    groups = {g.label: g for g in published.dimensions[0].groups}
    assert published.publication
    assert published.suppression_limit == 10
    assert groups["group=a"].count == 200
    assert groups["group=a"].metrics["selection_rate"].value == 0.3
    # b has 15 rows, so its count stays, but 5 selected is under 10.
    assert groups["group=b"].count == 15
    withheld = groups["group=b"].metrics["selection_rate"]
    assert withheld.suppressed
    assert (withheld.value, withheld.numerator, withheld.low) == (None, None, None)
    assert groups["group=b"].disparities["selection_rate"].ratio is None
    assert groups["group=b"].four_fifths.favourable_rate is None
    assert groups["group=a"].four_fifths.highest_rate is None


def test_the_unpublished_result_is_left_untouched(table_file):
    result = bias_audit(
        table_file(outputs()), mapping=BiasMapping(protected=["group"], prediction="pred")
    )
    publishable_bias(result)
    assert not result.publication
    assert result.dimensions[0].groups[1].metrics["selection_rate"].numerator == 5


def test_error_and_quality_results_are_suppressed_too(table_file, tmp_path):
    reviews = {"verdict": ["correct"] * 40 + ["harmful"] * 3}
    published = publishable_errors(error_audit(table_file(reviews), verdict="verdict"))
    assert published.overall.verdicts["harmful"] is None
    assert published.overall.rates["harmful"].suppressed
    assert published.overall.verdicts["correct"] == 40
    reference = tmp_path / "population.csv"
    reference.write_text("group,share\na,0.9\nb,0.1\n")
    quality = quality_profile(
        table_file(outputs()), protected=["group"], reference_population=reference
    )
    rows = {r.group: r for r in publishable_quality(quality).representation[0].rows}
    assert rows["a"].observed == 200
    assert rows["b"].observed == 15
    small = publishable_quality(quality, limit=20).representation[0].rows
    assert {r.group: r.observed for r in small} == {"a": 200, "b": None}


def test_a_flag_and_a_four_fifths_failure_survive_publication_without_their_figures(table_file):
    # 200 in each group: a has 6 selected (withheld), b 60; the engine flags a.
    columns = {
        "group": ["a"] * 200 + ["b"] * 200,
        "pred": [1] * 6 + [0] * 194 + [1] * 60 + [0] * 140,
    }
    result = bias_audit(
        table_file(columns),
        mapping=BiasMapping(protected=["group"], prediction="pred", reference={"group": "b"}),
    )
    a = {g.label: g for g in publishable_bias(result).dimensions[0].groups}["group=a"]
    disparity = a.disparities["selection_rate"]
    assert (disparity.flagged, disparity.clear_of_chance) == (True, True)
    assert (disparity.ratio, disparity.difference) == (None, None)
    assert a.four_fifths.passes is False
    assert (a.four_fifths.favourable_rate, a.four_fifths.ratio) == (None, None)


def test_no_four_fifths_ratio_gives_back_a_withheld_highest_rate(table_file):
    # b's 194 selected of 200 is withheld (6 not selected) and is the highest rate: a's
    # rate divided by a's ratio would reveal it, so every ratio in the characteristic is.
    columns = {
        "group": ["a"] * 400 + ["b"] * 200,
        "pred": [1] * 100 + [0] * 300 + [1] * 194 + [0] * 6,
    }
    published = publishable_bias(
        bias_audit(table_file(columns), mapping=BiasMapping(protected=["group"], prediction="pred"))
    )
    a = {g.label: g for g in published.dimensions[0].groups}["group=a"]
    assert a.metrics["selection_rate"].value == 0.25
    assert a.four_fifths.passes is False
    assert a.four_fifths.ratio is None
