"""Findings restate what each audit flagged, with direction and size, in plain sentences."""

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from coopai.audit import (
    BiasMapping,
    BiasOptions,
    bias_audit,
    error_audit,
    findings,
    publishable_bias,
    publishable_errors,
    quality_profile,
)
from coopai.audit.report import bias_document, errors_document, quality_document

from .conftest import write_csv


def selections(groups):
    """Rows of people from (sex, size, selected) triples, everyone's outcome unknown."""
    return {
        "sex": [sex for sex, size, _ in groups for _ in range(size)],
        "pred": [int(i < selected) for _, size, selected in groups for i in range(size)],
    }


def men_wrongly_selected_more(table_file):
    """1,000 of each sex, 100 of each with the outcome, all 100 found; women get 50
    false positives more, men 210: men are selected at 31% against 15%. Being selected
    counts against people, and false positives are the worse mistake."""
    columns = {"sex": [], "pred": [], "outcome": []}
    for sex, false_positives in (("F", 50), ("M", 210)):
        columns["sex"] += [sex] * 1000
        columns["outcome"] += [1] * 100 + [0] * 900
        columns["pred"] += [1] * (100 + false_positives) + [0] * (900 - false_positives)
    return bias_audit(
        table_file(columns),
        mapping=BiasMapping(protected=["sex"], prediction="pred", label="outcome"),
        options=BiasOptions(use="punitive", worse_error="false_positive"),
    )


def test_men_selected_twice_as_often_as_women_are_flagged_higher_with_their_size(table_file):
    found = findings(men_wrongly_selected_more(table_file))
    assert found.kind == "bias"
    assert [(f.group, f.reference, f.metric) for f in found.flags] == [
        ("sex=M", "sex=F", "fpr"),
        ("sex=M", "sex=F", "fdr"),
        ("sex=M", "sex=F", "selection_rate"),
    ]
    assert found.count == 3
    assert {f.direction for f in found.flags} == {"higher"}
    selection = found.flags[2]
    assert (selection.characteristic, selection.metric_title) == ("sex", "Selection rate")
    assert (selection.group_value, selection.reference_value) == (0.31, 0.15)
    assert selection.ratio == 0.31 / 0.15
    assert selection.sentence == (
        "People with sex M were selected about twice as often as people with sex F "
        "(31% against 15%); the difference is larger than chance would explain."
    )
    assert (selection.group_name, selection.reference_name) == ("sex: M", "sex: F")
    assert found.sentence.startswith("Bias audit of 2,000 outputs: 3 differences flagged — ")
    assert (
        "false positive rate higher for people with sex M than for people with sex F "
        "(23.3% against 5.6%)"
    ) in found.sentence
    # Being selected counts against people here, so four-fifths compares not being
    # selected: 69% against 85% is above four fifths.
    assert found.four_fifths == ()
    assert "four fifths" not in found.sentence


def test_a_four_fifths_failure_is_reported_alongside_but_not_counted(table_file):
    result = bias_audit(
        table_file(selections([("F", 1000, 150), ("M", 1000, 310)])),
        mapping=BiasMapping(protected=["sex"], prediction="pred"),
    )
    found = findings(result)
    assert [(f.group, f.metric) for f in found.flags] == [("sex=M", "selection_rate")]
    assert found.count == 1
    (failure,) = found.four_fifths
    assert (failure.group, failure.favourable_rate, failure.highest_rate) == ("sex=F", 0.15, 0.31)
    assert failure.sentence == (
        "The share of people with sex F who were selected, 15%, is under four fifths of the "
        "highest (people with sex M, 31%), so the four-fifths rule is not met."
    )
    assert found.sentence == (
        "Bias audit of 2,000 outputs: 1 difference flagged — selection rate higher for people "
        "with sex M than for people with sex F (31.0% against 15.0%). 1 group below four "
        "fifths of the highest rate of being selected (sex: F)."
    )


def test_an_audit_with_no_differences_counts_zero_and_says_so(table_file):
    result = bias_audit(
        table_file(selections([("F", 500, 100), ("M", 500, 104)])),
        mapping=BiasMapping(protected=["sex"], prediction="pred"),
    )
    found = findings(result)
    assert (found.count, found.flags, found.four_fifths) == (0, (), ())
    assert found.sentence == "Bias audit of 1,000 outputs: no differences flagged."


def test_groups_too_small_to_judge_are_listed_not_flagged(table_file):
    result = bias_audit(
        table_file(selections([("F", 500, 100), ("M", 500, 100), ("X", 12, 12)])),
        mapping=BiasMapping(protected=["sex"], prediction="pred"),
    )
    found = findings(result)
    assert found.count == 0
    assert found.too_small == ("sex: X",)
    assert found.sentence.endswith("no differences flagged. 1 group too small to judge.")


def test_a_published_result_keeps_the_flag_but_says_the_rate_is_withheld(table_file):
    # Women: 6 of 200 selected, a count under 10, so their rate is withheld.
    result = bias_audit(
        table_file(selections([("F", 200, 6), ("M", 200, 60)])),
        mapping=BiasMapping(protected=["sex"], prediction="pred"),
    )
    assert "3.0%" in findings(result).sentence
    found = findings(publishable_bias(result))
    assert found.count == 1
    (flag,) = found.flags
    assert (flag.group, flag.reference) == ("sex=M", "sex=F")
    assert (flag.group_value, flag.reference_value, flag.ratio, flag.direction) == (
        0.3,
        None,
        None,
        None,
    )
    assert flag.sentence == (
        "People with sex M were selected at a different rate from people with sex F (30%, "
        "against a figure withheld for publication, as a count under 10 could be worked out "
        "from it); the difference is larger than chance would explain."
    )
    every_sentence = [found.sentence, flag.sentence, *(f.sentence for f in found.four_fifths)]
    for sentence in every_sentence:
        assert "3.0%" not in sentence and " 6 " not in sentence
        assert "0.1" not in sentence  # the ratio 0.03 / 0.3


def test_a_withheld_row_count_is_not_given(table_file):
    result = bias_audit(
        table_file(selections([("F", 4, 1), ("M", 4, 3)])),
        mapping=BiasMapping(protected=["sex"], prediction="pred"),
    )
    assert findings(result).sentence.startswith("Bias audit of 8 outputs")
    assert findings(publishable_bias(result)).sentence.startswith(
        "Bias audit of fewer than 10 outputs: no differences flagged. 2 groups too small"
    )


def test_an_intersection_with_many_flagged_groups_names_three_and_counts_the_rest(table_file):
    # Ten areas, 100 women (10% selected) and 100 men (50%) in each.
    areas = [f"a{i}" for i in range(10)]
    columns = {"sex": [], "area": [], "pred": []}
    for area in areas:
        for sex, selected in (("F", 10), ("M", 50)):
            columns["sex"] += [sex] * 100
            columns["area"] += [area] * 100
            columns["pred"] += [1] * selected + [0] * (100 - selected)
    result = bias_audit(
        table_file(columns), mapping=BiasMapping(protected=["sex", "area"], prediction="pred")
    )
    found = findings(result)
    # Men against women; and each area's men against the largest cell, women of a0.
    assert found.count == len(found.flags) == 11
    assert [f.characteristic for f in found.flags] == ["sex"] + ["sex and area"] * 10
    assert found.flags[1].reference == "sex=F & area=a0"
    assert "; and 8 more." in found.sentence
    assert found.sentence.count(" than for ") == 3
    assert len(found.sentence) < 600


def test_flags_and_failures_are_gathered_by_characteristic_in_the_headline_order(table_file):
    # Women selected 15%, men 31%, twelve people of sex X too small to judge; each sex
    # split evenly into two age bands.
    columns = selections([("F", 1000, 150), ("M", 1000, 310), ("X", 12, 0)])
    columns["band"] = ["young", "old"] * (len(columns["sex"]) // 2)
    result = bias_audit(
        table_file(columns),
        mapping=BiasMapping(protected=["sex", "band"], prediction="pred", intersections=[]),
    )
    found = findings(result)
    by_sex, by_band = found.comparisons
    assert (by_sex.characteristic, by_sex.reference, by_sex.groups) == ("sex", "sex: F", 3)
    assert [(g.group, g.metrics, g.text) for g in by_sex.flagged] == [
        ("sex=M", ("selection_rate",), "sex: M (selection rate higher)")
    ]
    # sex=X is selected least of all, but is too small to judge.
    assert by_sex.failing == ("sex: F",)
    assert (by_band.characteristic, by_band.groups, by_band.flagged, by_band.failing) == (
        "band",
        2,
        (),
        (),
    )
    flagged = [(f.characteristic, f.group) for f in found.flags]
    gathered = [(c.characteristic, g.group) for c in found.comparisons for g in c.flagged]
    assert gathered == flagged


def test_a_group_flagged_on_several_metrics_names_them_in_the_headline_order(table_file):
    ((flagged,),) = [c.flagged for c in findings(men_wrongly_selected_more(table_file)).comparisons]
    assert flagged.metrics == ("fpr", "fdr", "selection_rate")
    assert flagged.text == (
        "sex: M (false positive rate higher, false discovery rate higher, selection rate higher)"
    )


def test_only_a_bias_audit_has_comparisons(table_file):
    reviewed = error_audit(table_file(reviews(correct=300, harmful=3)), verdict="verdict")
    profiled = quality_profile(table_file(reviews(correct=30, harmful=0)))
    assert findings(reviewed).comparisons == findings(profiled).comparisons == ()


def reviews(correct, harmful, minor=0):
    return {"verdict": ["correct"] * correct + ["minor_error"] * minor + ["harmful"] * harmful}


def test_an_error_audit_flags_harmful_outputs_and_more_samples_needed(table_file):
    result = error_audit(table_file(reviews(90, 15, minor=15)), verdict="verdict")
    found = findings(result)
    assert found.kind == "errors"
    assert [issue.kind for issue in found.flags] == ["harmful_outputs", "more_samples_needed"]
    assert found.count == 2
    harmful, samples = found.flags
    assert (harmful.count, harmful.share) == (15, 0.125)
    assert harmful.sentence == "Reviewers judged 15 sampled outputs harmful (12.5%)."
    assert result.overall.advice is not None
    assert samples.count == result.overall.advice.additional > 0
    assert samples.expected == 0.1
    assert found.sentence.startswith(
        "Error audit of 120 reviewed outputs, 25.0% with an error of some kind: "
        "2 problems flagged — reviewers judged 15 outputs harmful (12.5%); about "
    )


def test_an_error_audit_with_no_harm_and_enough_samples_flags_nothing(table_file):
    found = findings(error_audit(table_file(reviews(400, 0)), verdict="verdict"))
    assert (found.count, found.flags) == (0, ())
    assert found.sentence == (
        "Error audit of 400 reviewed outputs, 0.0% with an error of some kind: "
        "no problems flagged. None judged harmful."
    )


def test_a_published_error_audit_does_not_give_a_withheld_harmful_count(table_file):
    result = error_audit(table_file(reviews(40, 3)), verdict="verdict")
    assert findings(result).flags[0].count == 3
    found = findings(publishable_errors(result))
    assert "harmful_outputs" not in [issue.kind for issue in found.flags]
    assert "the number judged harmful is under 10 and withheld" in found.sentence.lower()
    assert "judged 3" not in found.sentence
    assert "7.0%" not in found.sentence  # 3 of 43


def test_a_quality_profile_flags_the_problems_it_marks(table_file, tmp_path):
    reference = tmp_path / "population.csv"
    reference.write_text("group,share\nF,0.5\nM,0.5\n")
    # 100 rows, a quarter women; a quarter of ages missing and a quarter 'n/a'.
    columns = {
        "id": [str(i) for i in range(99)] + ["95"],  # the last row repeats row 96
        "age": ["34", "n/a", "", "29"] * 25,
        "sex": ["F", "M", "M", "M"] * 25,
    }
    found = findings(
        quality_profile(table_file(columns), protected=["sex"], reference_population=reference)
    )
    assert found.kind == "quality"
    assert [(issue.kind, issue.subject) for issue in found.flags] == [
        ("unrepresentative", "sex"),
        ("duplicate_rows", "all rows"),
        ("incomplete_column", "age"),
        ("invalid_values", "age"),
    ]
    make_up, duplicates, incomplete, invalid = found.flags
    assert (make_up.group, make_up.share, make_up.expected, make_up.direction) == (
        "F",
        0.25,
        0.5,
        "lower",
    )
    assert duplicates.count == 1
    assert (incomplete.count, incomplete.share, incomplete.expected) == (25, 0.75, 0.95)
    assert invalid.count == 25
    assert (
        invalid.sentence
        == "Column 'age' has 25 values that do not read as a whole number (66.7% do)."
    )
    assert found.sentence.startswith("Data-quality profile of 100 rows and 3 columns: 4 problems")
    assert found.sentence.endswith("; and 1 more.")


def test_a_clean_table_that_matches_its_population_flags_nothing(table_file, tmp_path):
    reference = tmp_path / "population.csv"
    reference.write_text("group,share\nF,0.5\nM,0.5\n")
    columns = {"id": [str(i) for i in range(100)], "sex": ["F", "M"] * 50}
    found = findings(
        quality_profile(table_file(columns), protected=["sex"], reference_population=reference)
    )
    assert (found.count, found.flags) == (0, ())
    assert found.sentence == "Data-quality profile of 100 rows and 2 columns: no problems flagged."


# Cells of people: (sex, band, true positives, false positives, false negatives, true
# negatives). Group sizes vary widely so that some groups are flagged, some too small.
cells = st.lists(
    st.tuples(
        st.sampled_from(["F", "M", "X"]),
        st.sampled_from(["a", "b"]),
        *[st.integers(0, 40)] * 4,
    ),
    min_size=1,
    max_size=6,
)


def engine_flags(result):
    headline = set(result.headline.metrics)
    return {
        (" and ".join(dimension.characteristics), group.label, name)
        for dimension in result.dimensions
        for group in dimension.groups
        for name, disparity in group.disparities.items()
        if disparity.flagged and name in headline
    }


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=cells,
    use=st.sampled_from([None, "assistive", "punitive"]),
    worse_error=st.sampled_from([None, "false_positive", "false_negative"]),
)
def test_every_flag_is_one_the_engine_made_counted_once(tmp_path, cells, use, worse_error):
    columns = {"sex": [], "band": [], "pred": [], "outcome": []}
    for sex, band, *counts in cells:
        for (pred, outcome), n in zip([(1, 1), (1, 0), (0, 1), (0, 0)], counts, strict=True):
            columns["sex"] += [sex] * n
            columns["band"] += [band] * n
            columns["pred"] += [pred] * n
            columns["outcome"] += [outcome] * n
    assume(columns["sex"])
    tmp_path.mkdir(exist_ok=True)
    result = bias_audit(
        write_csv(tmp_path / "outputs.csv", columns),
        mapping=BiasMapping(protected=["sex", "band"], prediction="pred", label="outcome"),
        options=BiasOptions(min_group_size=10, use=use, worse_error=worse_error),
    )
    published = publishable_bias(result)
    for audited in (result, published):
        found = findings(audited)
        made = [(f.characteristic, f.group, f.metric) for f in found.flags]
        assert found.count == len(found.flags) == len(set(made))
        assert set(made) == engine_flags(audited) == engine_flags(result)
        for flag in found.flags:
            # Groups are named in words, never by their labels.
            assert "=" not in flag.sentence
            assert flag.sentence.endswith("the difference is larger than chance would explain.")
            if flag.direction is not None:
                assert (flag.direction == "higher") == (flag.group_value > flag.reference_value)


def test_each_report_leads_with_its_findings_and_lists_every_flag(table_file, tmp_path):
    reference = tmp_path / "population.csv"
    reference.write_text("group,share\nF,0.9\nM,0.1\n")
    people = selections([("F", 1000, 150), ("M", 1000, 310)])
    results = [
        bias_audit(table_file(people), mapping=BiasMapping(protected=["sex"], prediction="pred")),
        error_audit(table_file(reviews(90, 15, minor=15), name="reviews"), verdict="verdict"),
        quality_profile(table_file(people), protected=["sex"], reference_population=reference),
    ]
    documents = [bias_document, errors_document, quality_document]
    for result, document in zip(results, documents, strict=True):
        found, written = findings(result), document(result)
        assert written.summary[: len(found.lead)] == list(found.lead)
        every = [flag.sentence for flag in found.flags] + [f.sentence for f in found.four_fifths]
        listed = [s.paragraphs for s in written.sections if s.heading == "What the audit flagged"]
        # A bias audit's lead gives its few flags and failures in full; else all are listed.
        assert listed == [] if set(every) <= set(found.lead) else listed == [every]
        assert found.count > 0
    assert findings(results[0]).lead[0] == findings(results[0]).flags[0].sentence
    assert [findings(r).lead for r in results[1:]] == [(findings(r).sentence,) for r in results[1:]]
