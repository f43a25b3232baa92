"""Messy real files: every row is read, and each problem names its row and what to do."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from coopai.audit import AuditInputError, BiasMapping, bias_audit, error_audit, quality_profile
from coopai.audit.columns import MISSING_GROUP, listed_values
from coopai.audit.source import open_table

MAPPING = BiasMapping(protected=["sex"], prediction="pred")


def lines(count: int) -> list[str]:
    """``count`` sound data rows: half F, half M, every other one selected."""
    return [f"{i},{'FM'[i % 2]},{i // 2 % 2}" for i in range(count)]


def write_lines(path: Path, rows: list[str], header: str = "id,sex,pred") -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def problems_of(path: Path, mapping: BiasMapping = MAPPING) -> list:
    with pytest.raises(AuditInputError) as caught:
        bias_audit(path, mapping=mapping)
    return caught.value.problems


def test_a_row_that_is_not_utf8_deep_in_the_file_is_refused_with_its_row(tmp_path):
    path = tmp_path / "latin.csv"
    body = "\n".join(["id,name,sex,pred", *(f"{i},Bob,F,1" for i in range(6000))]) + "\n"
    path.write_bytes(body.encode() + "6000,Zoë,F,0\n".encode("latin-1"))
    (problem,) = problems_of(path)
    assert problem.row == 6001
    assert "not UTF-8 text (line 6,002 of the file, counting the header)" in problem.message
    assert "Save the file as UTF-8" in problem.message
    assert str(tmp_path) not in str(problem)


def test_a_header_that_is_not_utf8_is_refused_before_anything_is_read(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("sexe,prédiction\nF,1\n".encode("latin-1"))
    (problem,) = problems_of(path)
    assert "the header (line 1 of 'latin.csv') is not UTF-8 text" in problem.message
    assert "Save the file as UTF-8" in problem.message


@pytest.mark.parametrize(("ragged", "found"), [("4001,M,1,oops", 4), ("4001,M", 2)])
def test_a_ragged_row_past_the_first_thousands_is_refused_with_its_row(tmp_path, ragged, found):
    rows = lines(4000)
    rows.insert(3000, ragged)
    (problem,) = problems_of(write_lines(tmp_path / "ragged.csv", rows))
    assert problem.row == 3001
    assert problem.message.startswith(
        f"this row has {found} values but the header names 3 columns (line 3,002 of the file"
    )
    assert "stray comma" in problem.message


def test_a_ragged_row_among_the_first_rows_does_not_confuse_the_reading(tmp_path):
    """DuckDB's sniffer, left to guess, took a late ragged row for the header."""
    rows = ["1,F,1", "2,M,0", "", ",,", "3,F,1", "4,M", "5,F,1,0"]
    problems = problems_of(write_lines(tmp_path / "short.csv", rows))
    assert [p.row for p in problems] == [6, 7]


def test_a_quote_that_never_closes_is_refused_with_its_row(tmp_path):
    rows = lines(10)
    rows[4] = '4,"F,1'
    (problem,) = problems_of(write_lines(tmp_path / "quote.csv", rows))
    assert problem.row == 5
    assert "double quote opens a value in this row and never closes" in problem.message


def test_many_bad_rows_are_named_three_at_a_time(tmp_path):
    rows = lines(100)
    for position in (10, 20, 30, 40, 50):
        rows[position] += ",extra"
    problems = problems_of(write_lines(tmp_path / "many.csv", rows))
    assert [p.row for p in problems[:3]] == [11, 21, 31]
    assert problems[3].message == "more rows of 'many.csv' after these cannot be read either."


@pytest.mark.parametrize("header", ["sex,pred,sex", "sex,pred,Sex"])
def test_a_column_named_twice_is_refused_naming_it(tmp_path, header):
    path = write_lines(tmp_path / "twice.csv", ["F,1,F", "M,0,M"], header=header)
    (problem,) = problems_of(path)
    said = {
        "sex,pred,sex": "gives more than one column the name 'sex' (columns 1, 3)",
        "sex,pred,Sex": "names columns 1, 3 'sex' and 'Sex', which count as one name: capitals "
        "do not tell names apart",
    }[header]
    assert problem.message == (
        f"the header {said}. Give each column its own name and upload the file again."
    )


def test_a_workbook_with_a_column_named_twice_is_refused(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in (["sex", "pred", "sex"], ["F", 1, "F"], ["M", 0, "M"]):
        sheet.append(row)
    workbook.save(tmp_path / "twice.xlsx")
    (problem,) = problems_of(tmp_path / "twice.xlsx")
    assert "more than one column the name 'sex' (columns 1, 3)" in problem.message


def test_a_workbook_value_beyond_the_named_columns_is_refused_with_its_row(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in (["sex", "pred"], ["F", 1], ["M", 0, "note"], ["F", 1]):
        sheet.append(row)
    workbook.save(tmp_path / "beyond.xlsx")
    (problem,) = problems_of(tmp_path / "beyond.xlsx")
    assert problem.row == 2
    assert "beyond the last named column, column 2 (sheet row 3)" in problem.message


def test_wholly_empty_rows_are_skipped_and_counted(tmp_path):
    rows = lines(40)
    rows[5:5] = [",,", ",,"]
    result = bias_audit(write_lines(tmp_path / "gaps.csv", rows), mapping=MAPPING)
    assert result.rows == 40
    assert [g.label for g in result.dimensions[0].groups] == ["sex=F", "sex=M"]
    assert result.warnings[0] == (
        "2 wholly empty rows were skipped: they have no value in any column."
    )


def test_rows_keep_the_files_numbers_after_an_empty_row(tmp_path):
    rows = lines(10)
    rows[2] = ",,"
    rows[6] = "6,F,7"
    (problem,) = problems_of(write_lines(tmp_path / "gaps.csv", rows))
    assert (problem.row, problem.value) == (7, "7")


def test_wholly_empty_rows_of_a_workbook_are_skipped_and_counted(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["sex", "verdict"])
    for i in range(12):
        sheet.append(["F", "correct"] if i % 4 else [None, None])
    workbook.save(tmp_path / "reviewed.xlsx")
    result = error_audit(tmp_path / "reviewed.xlsx", verdict="verdict")
    assert result.overall.count == 9
    assert result.warnings[0].startswith("3 wholly empty rows were skipped")


def test_a_profile_leaves_empty_rows_out_of_completeness_and_duplicates(tmp_path):
    rows = ["1,F,1", ",,", "2,M,0", ",,", ",,"]
    result = quality_profile(write_lines(tmp_path / "gaps.csv", rows))
    assert (result.rows, result.duplicate_rows) == (2, 0)
    assert all(column.completeness == 1 for column in result.columns)
    assert result.warnings == [
        "3 wholly empty rows were skipped: they have no value in any column."
    ]


def test_a_file_of_only_empty_rows_has_no_data_rows(tmp_path):
    (problem,) = problems_of(write_lines(tmp_path / "blank.csv", [",,", ",,"]))
    assert "'blank.csv' has no data rows" in problem.message


def test_a_nan_in_a_number_column_joins_the_missing_group(tmp_path):
    path = tmp_path / "ages.parquet"
    duckdb.execute(
        "COPY (SELECT (i % 2)::INTEGER AS pred, "
        "CASE WHEN i % 5 = 0 THEN 'nan'::DOUBLE ELSE (20 + i % 2 * 45)::DOUBLE END AS age "
        f"FROM range(40) t(i)) TO '{path}' (FORMAT parquet)"
    )
    result = bias_audit(path, mapping=BiasMapping(protected=["age"], prediction="pred"))
    groups = {g.key["age"]: g.count for g in result.dimensions[0].groups}
    assert groups == {"20.0": 16, "65.0": 16, MISSING_GROUP: 8}
    assert any(
        "People with no age recorded form a group of their own" in w for w in result.warnings
    )


def test_values_differing_only_by_spaces_or_reading_na_are_warned_about(tmp_path):
    sexes = ["F", "F ", " F", "M", "NA", "n/a"]
    rows = [f"{i},{sexes[i % 6]},{i % 2}" for i in range(60)]
    result = bias_audit(write_lines(tmp_path / "spaces.csv", rows), mapping=MAPPING)
    assert len(result.dimensions[0].groups) == 6  # each still its own group, as given
    assert (
        "Column 'sex' has the values ' F', 'F' and 'F ', which differ only by spaces around "
        "them, so they are counted as separate groups."
    ) in result.warnings[0]
    assert result.warnings[1].startswith(
        "Column 'sex' has the values 'NA' and 'n/a', which usually means nothing was recorded"
    )


def test_a_semicolon_separated_file_is_read(tmp_path):
    rows = [row.replace(",", ";") for row in lines(40)]
    path = write_lines(tmp_path / "excel-fr.csv", rows, header="id;sex;pred")
    assert bias_audit(path, mapping=MAPPING).rows == 40


def test_a_damaged_parquet_file_is_refused_without_naming_where_it_is_kept(tmp_path):
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 not really parquet")
    (problem,) = problems_of(path)
    assert problem.message.startswith("cannot read 'broken.parquet' as a Parquet file")
    assert str(tmp_path) not in problem.message


def test_a_file_mixing_line_endings_is_read(tmp_path):
    """DuckDB's reader stops on these without naming a row; the file is read another way."""
    path = tmp_path / "mixed.csv"
    path.write_bytes(("\r\n".join(["id,sex,pred", *lines(40)]) + "\r\n40,F,1\n").encode())
    assert bias_audit(path, mapping=MAPPING).rows == 41


def test_a_ragged_row_in_a_file_mixing_line_endings_is_refused_with_its_row(tmp_path):
    path = tmp_path / "mixed.csv"
    content = "\r\n".join(["id,sex,pred", *lines(40)]) + "\r\n40,F,1,extra\n41,M,0\n"
    path.write_bytes(content.encode() + "42,Zoë,1\n".encode("latin-1"))
    problems = problems_of(path)
    assert [p.row for p in problems] == [41, 43]
    assert "4 values but the header names 3 columns" in problems[0].message
    assert "not UTF-8 text" in problems[1].message


def test_each_columns_values_are_listed_most_common_first_up_to_a_limit(tmp_path):
    rows = [f"{i},{'MFF'[i % 3]},{['65+', '16-64', ''][i % 3]}" for i in range(90)]
    path = write_lines(tmp_path / "people.csv", rows, header="id,sex,age")
    with open_table(path) as table:
        assert listed_values(table, limit=30) == {
            "id": None,
            "sex": ["F", "M"],
            "age": ["16-64", "65+"],
        }
        assert listed_values(table, limit=1)["sex"] is None


def test_listed_values_of_a_number_column_are_the_groups_the_audit_finds(tmp_path):
    path = tmp_path / "ages.parquet"
    duckdb.execute(
        "COPY (SELECT (i % 2)::INTEGER AS pred, "
        "CASE WHEN i % 5 = 0 THEN 'nan'::DOUBLE ELSE 20.0 END AS age "
        f"FROM range(40) t(i)) TO '{path}' (FORMAT parquet)"
    )
    with open_table(path) as table:
        assert listed_values(table) == {"pred": ["0", "1"], "age": ["20.0"]}
    mapping = BiasMapping(protected=["age"], prediction="pred", reference={"age": "20.0"})
    assert bias_audit(path, mapping=mapping).dimensions[0].reference_chosen_by == "user"
