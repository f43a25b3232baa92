"""Every input error names what was wrong, and where, and nothing is half-computed."""

import pytest

from coopai.audit import AuditInputError, BiasMapping, bias_audit

from .conftest import small_outputs

MAPPING = BiasMapping(protected=["sex"], prediction="pred", label="outcome")


def problems_of(path, mapping=MAPPING):
    with pytest.raises(AuditInputError) as caught:
        bias_audit(path, mapping=mapping)
    return caught.value.problems


def test_it_refuses_a_misnamed_column_and_suggests_the_close_name(table_file):
    mapping = BiasMapping(protected=["sexx"], prediction="pred", label="Outcome")
    problems = problems_of(table_file(small_outputs()), mapping)
    assert [p.column for p in problems] == ["sexx", "Outcome"]
    assert "Did you mean 'sex'?" in problems[0].message
    assert "Did you mean 'outcome'?" in problems[1].message


def test_it_refuses_a_non_binary_label_naming_column_row_and_value(table_file):
    columns = small_outputs()
    columns["outcome"][4] = 2
    (problem,) = problems_of(table_file(columns))
    assert (problem.column, problem.row, problem.value) == ("outcome", 5, "2")
    assert "0 or 1" in problem.message


def test_it_refuses_a_non_binary_prediction_in_parquet(table_file):
    columns = small_outputs()
    columns["pred"][10] = 0.5
    (problem,) = problems_of(table_file(columns, fmt="parquet"))
    assert (problem.column, problem.row, problem.value) == ("pred", 11, "0.5")


def test_it_refuses_text_mixed_into_a_number_column_and_counts_the_rows(table_file):
    columns = small_outputs()
    columns["pred"][2] = "yes"
    columns["pred"][7] = "n/a"
    (problem,) = problems_of(table_file(columns))
    assert (problem.row, problem.value) == (3, "yes")
    assert "2 rows are affected" in problem.message
    assert "Also at row 8" in problem.message


def test_it_refuses_a_missing_prediction(table_file):
    columns = small_outputs()
    columns["pred"][5] = ""
    (problem,) = problems_of(table_file(columns))
    assert (problem.column, problem.row, problem.value) == ("pred", 6, None)
    assert "missing" in problem.message


def test_it_reports_problems_in_prediction_and_label_together(table_file):
    columns = small_outputs()
    columns["pred"][0] = 7
    columns["outcome"][1] = -1
    problems = problems_of(table_file(columns))
    assert [(p.column, p.row) for p in problems] == [("pred", 1), ("outcome", 2)]


def test_it_refuses_a_threshold_outside_the_score_range(table_file):
    mapping = BiasMapping(protected=["sex"], score="risk", threshold=0.95)
    (problem,) = problems_of(table_file(small_outputs()), mapping)
    assert problem.column == "risk"
    assert "outside the scores' range 0.2 to 0.9" in problem.message


def test_it_refuses_a_score_that_is_not_a_number(table_file):
    columns = small_outputs()
    columns["risk"][3] = "high"
    mapping = BiasMapping(protected=["sex"], score="risk", threshold=0.5)
    (problem,) = problems_of(table_file(columns), mapping)
    assert (problem.column, problem.row, problem.value) == ("risk", 4, "high")


def test_it_refuses_an_empty_file(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    (problem,) = problems_of(empty)
    assert "no data rows" in problem.message


def test_it_refuses_a_file_with_only_a_header(tmp_path):
    header_only = tmp_path / "header.csv"
    header_only.write_text("sex,pred,outcome\n")
    (problem,) = problems_of(header_only)
    assert "no data rows" in problem.message


def test_it_refuses_a_missing_file_and_an_unknown_format(tmp_path):
    assert "no file" in problems_of(tmp_path / "nowhere.csv")[0].message
    odd = tmp_path / "outputs.json"
    odd.write_text("{}")
    assert ".csv, .parquet or .xlsx" in problems_of(odd)[0].message


def test_it_refuses_an_unreadable_workbook(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook")
    assert "Excel workbook" in problems_of(broken)[0].message


@pytest.mark.parametrize(
    ("mapping", "fragment"),
    [
        (BiasMapping(protected=["sex"]), "either a prediction column or a score"),
        (BiasMapping(protected=["sex"], prediction="pred", score="risk"), "not both"),
        (BiasMapping(protected=["sex"], score="risk"), "needs a threshold"),
        (BiasMapping(protected=[], prediction="pred"), "at least one protected"),
        (BiasMapping(protected=["sex", "sex"], prediction="pred"), "listed twice"),
        (BiasMapping(protected=["sex"], prediction="sex"), "two roles"),
        (
            BiasMapping(protected=["sex"], prediction="pred", reference={"age": "old"}),
            "not protected",
        ),
        (
            BiasMapping(protected=["sex"], prediction="pred", intersections=[["sex", "age"]]),
            "not protected columns",
        ),
    ],
)
def test_it_refuses_an_inconsistent_mapping_before_reading(tmp_path, mapping, fragment):
    problems = problems_of(tmp_path / "never-read.csv", mapping)
    assert any(fragment in p.message for p in problems)


def test_a_problem_reads_as_one_line_naming_where(table_file):
    columns = small_outputs()
    columns["outcome"][0] = "maybe"
    with pytest.raises(AuditInputError) as caught:
        bias_audit(table_file(columns), mapping=MAPPING)
    assert str(caught.value).startswith("column 'outcome', row 1, value 'maybe': expected 0 or 1")
