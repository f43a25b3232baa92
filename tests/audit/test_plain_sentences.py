"""A bias audit's result in plain sentences: groups by the names people use, each
difference with its direction, its size and whether chance explains it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from coopai.audit import AuditInputError, BiasMapping, bias_audit, findings, publishable_bias
from coopai.audit.cli import audit
from coopai.audit.references import value_names
from coopai.audit.render import to_html, to_markdown, to_text
from coopai.audit.report import bias_document
from coopai.audit.result_json import from_json_data, to_json_data
from coopai.audit.sentences import size

from .conftest import write_csv

NAMES = {"sex": {"M": "Men", "F": "Women"}, "age": {"65+": "65 and over"}}


@pytest.mark.parametrize(
    ("ours", "theirs", "words"),
    [
        (0.48, 0.24, "about twice as often as"),
        (0.24, 0.48, "about half as often as"),
        (0.50, 0.20, "about two and a half times as often as"),
        (0.20, 0.50, "about two fifths as often as"),
        (0.10, 0.30, "about a third as often as"),
        (0.36, 0.24, "about one and a half times as often as"),
        (0.90, 0.10, "about 9 times as often as"),
        (0.01, 0.50, "less than a tenth as often as"),
        (0.31, 0.24, "7 percentage points more often than"),
        (0.23, 0.24, "1 percentage point less often than"),
        (0.30, 0.00, "30 percentage points more often than"),
        (0.241, 0.238, "about as often as"),
    ],
)
def test_a_size_is_said_as_times_a_fraction_or_points(ours, theirs, words):
    assert size(ours, theirs) == words


def people(tmp_path, groups, name="outputs.csv"):
    """Rows from (sex, age, count, selected) tuples."""
    columns = {"sex": [], "age": [], "pred": []}
    for sex, age, count, selected in groups:
        columns["sex"] += [sex] * count
        columns["age"] += [age] * count
        columns["pred"] += [1] * selected + [0] * (count - selected)
    return write_csv(tmp_path / name, columns)


def men_selected_twice_as_often(tmp_path, names=NAMES):
    path = people(
        tmp_path,
        [
            ("M", "16-64", 300, 144),
            ("M", "65+", 200, 96),
            ("F", "16-64", 300, 72),
            ("F", "65+", 200, 48),
        ],
    )
    mapping = BiasMapping(protected=["sex", "age"], prediction="pred", value_names=names)
    return bias_audit(path, mapping=mapping)


def test_a_flag_names_groups_as_given_with_direction_size_and_chance(tmp_path):
    found = findings(men_selected_twice_as_often(tmp_path))
    flag = found.flags[0]
    assert (flag.group, flag.group_name, flag.reference_name) == ("sex=M", "Men", "Women")
    assert flag.sentence == (
        "Men were selected about twice as often as Women (48% against 24%); the difference "
        "is larger than chance would explain."
    )
    assert found.lead[0] == flag.sentence


def test_a_group_of_an_intersection_joins_its_names(tmp_path):
    found = findings(men_selected_twice_as_often(tmp_path))
    crossed = [f for f in found.flags if f.characteristic == "sex and age"]
    assert {f.group_name for f in crossed} >= {"Men, 65 and over"}
    assert "Men, age: 16-64" in {f.group_name for f in crossed}
    assert any(f.sentence.startswith("Men with age 16-64 were selected") for f in crossed)


def test_without_names_a_group_is_its_column_and_value_in_words(tmp_path):
    found = findings(men_selected_twice_as_often(tmp_path, names={}))
    assert found.flags[0].sentence.startswith(
        "People with sex M were selected about twice as often as people with sex F"
    )
    assert found.flags[0].group_name == "sex: M"


def test_no_report_shows_a_group_as_column_equals_value(tmp_path):
    result = men_selected_twice_as_often(tmp_path)
    for shown in (result, publishable_bias(result)):
        document = bias_document(shown)
        for written in (to_text(document), to_markdown(document), to_html(document)):
            assert "sex=" not in written and "age=" not in written
            assert "Men, 65 and over" in written and "(reference)" in written
    data = to_json_data(result)
    assert data["value_names"] == NAMES
    assert data["dimensions"][0]["groups"][1]["label"] == "sex=M"  # ids stay in the JSON
    assert from_json_data(data) == result


def test_a_result_stored_before_names_existed_reads_and_names_by_column(tmp_path):
    data = to_json_data(men_selected_twice_as_often(tmp_path))
    del data["value_names"]
    assert findings(from_json_data(data)).flags[0].group_name == "sex: M"


def test_a_characteristic_with_nothing_flagged_gives_its_widest_gap_and_chance(tmp_path):
    path = people(tmp_path, [("M", "16-64", 500, 100), ("F", "16-64", 500, 104)])
    result = bias_audit(path, mapping=BiasMapping(protected=["sex"], prediction="pred"))
    (sentence,) = findings(result).lead
    assert sentence == (
        "Nothing is flagged by sex. The largest difference in the selection rate: people with "
        "sex M were selected 1 percentage point less often than people with sex F (20% "
        "against 21%); a difference this size could be chance."
    )


def test_a_difference_clear_of_chance_but_small_is_said_to_be_too_small_to_flag(tmp_path):
    path = people(tmp_path, [("M", "a", 20000, 11000), ("F", "a", 20000, 10000)])
    result = bias_audit(path, mapping=BiasMapping(protected=["sex"], prediction="pred"))
    (sentence,) = findings(result).lead
    assert sentence.endswith(
        "(55% against 50%); the difference is larger than chance would explain, but too small "
        "to flag."
    )


def test_a_group_too_small_to_judge_is_said_to_be_too_few_to_tell(tmp_path):
    path = people(tmp_path, [("F", "a", 200, 20), ("M", "a", 12, 11)])
    mapping = BiasMapping(protected=["sex"], prediction="pred", value_names={"sex": {"M": "Men"}})
    lead = findings(bias_audit(path, mapping=mapping)).lead
    assert lead[0].endswith(
        "there are too few people to tell whether the difference is more than chance."
    )
    assert lead[1] == (
        "1 group is too small to judge (fewer than 30 rows), so nothing is flagged for it: Men."
    )


def test_the_lead_gives_three_flags_then_counts_the_rest(tmp_path):
    groups = [(sex, f"a{i}", 100, 10 if sex == "F" else 50) for i in range(5) for sex in "FM"]
    path = people(tmp_path, groups)
    lead = findings(
        bias_audit(path, mapping=BiasMapping(protected=["sex", "age"], prediction="pred"))
    ).lead
    assert lead[3] == "3 more differences are flagged, each listed below."


def test_names_for_a_column_that_is_not_protected_are_refused(tmp_path):
    mapping = BiasMapping(protected=["sex"], prediction="pred", value_names={"age": {"65+": "Old"}})
    with pytest.raises(AuditInputError, match="names are given for the values of a column"):
        bias_audit(tmp_path / "never-read.csv", mapping=mapping)


def test_the_command_line_takes_names_as_column_value_and_name(tmp_path):
    path = people(tmp_path, [("M", "a", 500, 240), ("F", "a", 500, 120)])
    arguments = ["bias", str(path), "--prediction", "pred", "--protected", "sex"]
    result = CliRunner().invoke(audit, [*arguments, "--name", "sex=M:Men", "--name", "sex=F:Women"])
    assert result.exit_code == 0, result.output
    assert result.output.split("\n\n")[1].startswith(
        "Men were selected about twice as often as Women"
    )
    bad = CliRunner().invoke(audit, [*arguments, "--name", "sex=M"])
    assert bad.exit_code == 2
    assert "should look like column=value:name, e.g. sex=M:Men." in bad.stderr
    data = json.loads(
        CliRunner().invoke(audit, [*arguments, "--name", "sex=M:Men", "--format", "json"]).output
    )
    assert data["value_names"] == {"sex": {"M": "Men"}}


def test_names_are_read_one_per_value_and_only_for_protected_columns():
    assert value_names(
        ["sex=M:Men", " sex = F : Women ", "age=16:30:Young"], protected=["sex", "age"]
    ) == {
        "sex": {"M": "Men", "F": "Women"},
        "age": {"16:30": "Young"},
    }
    with pytest.raises(AuditInputError, match="not a protected characteristic"):
        value_names(["pred=1:Yes"], protected=["sex"])


def test_the_report_explains_the_terms_its_sentences_use(tmp_path):
    result = men_selected_twice_as_often(tmp_path)
    terms = {term.term: term.meaning for term in bias_document(result).terms}
    assert next(iter(terms)) == "Selection rate"
    assert "four fifths (80%)" in terms["The four-fifths rule"]
    assert "95% interval" in terms["Larger than chance would explain"]
    assert "at least 30 people" in terms["Larger than chance would explain"]
    first_table = next(s for s in bias_document(result).sections if s.tables)
    assert "Figures in brackets are 95% intervals" in " ".join(first_table.paragraphs)
