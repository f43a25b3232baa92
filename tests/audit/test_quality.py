import pytest

from coopai.audit import AuditInputError, quality_profile


def people():
    return {
        "age": ["34", "51", "n/a", "29", "", "34"],
        "sex": ["F", "M", "F", "F", "M", "F"],
        "joined": ["2024-01-02", "2024-02-03", "2024-03-04", "2024-04-05", "", "2024-01-02"],
    }


def test_it_profiles_completeness_validity_and_distinct_values(table_file):
    result = quality_profile(table_file(people()))
    columns = {c.name: c for c in result.columns}
    age = columns["age"]
    assert (age.inferred_type, age.present, age.missing, age.valid) == ("integer", 5, 1, 4)
    assert age.completeness == 5 / 6
    assert age.validity == 4 / 5
    assert age.invalid_examples == ["n/a"]
    assert columns["sex"].distinct == 2
    assert columns["joined"].inferred_type == "date"
    assert result.rows == 6


def test_it_counts_rows_that_repeat_an_earlier_row(table_file):
    assert quality_profile(table_file(people())).duplicate_rows == 1


def test_it_compares_the_make_up_with_a_reference_population(table_file, tmp_path):
    reference = tmp_path / "population.csv"
    reference.write_text("group,share\nF,50\nM,50\n")
    result = quality_profile(
        table_file(people()), protected=["sex"], reference_population=reference
    )
    (representation,) = result.representation
    rows = {row.group: row for row in representation.rows}
    assert rows["F"].observed == 4
    assert rows["F"].ratio == (4 / 6) / 0.5
    # (4 - 3)^2 / 3 + (2 - 3)^2 / 3
    assert representation.chi_square == pytest.approx(2 / 3)
    assert representation.degrees_of_freedom == 1


def test_a_reference_with_a_characteristic_column_covers_several(table_file, tmp_path):
    reference = tmp_path / "population.csv"
    reference.write_text("characteristic,group,share\nsex,F,0.5\nsex,M,0.5\n")
    result = quality_profile(table_file(people()), reference_population=reference)
    assert [r.characteristic for r in result.representation] == ["sex"]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("group,share\nF,0.5\nM,0.4\n", "add up to 0.9"),
        ("group,share\nF,half\nM,0.5\n", "must be a number"),
        ("group,share\nF,1\nM,0\n", "must be above 0"),
        ("group,portion\nF,1\n", "'share'"),
        ("group,share\nF,1\n", "groups ['M']"),
    ],
)
def test_it_refuses_a_bad_reference_population(table_file, tmp_path, text, fragment):
    reference = tmp_path / "population.csv"
    reference.write_text(text)
    with pytest.raises(AuditInputError) as caught:
        quality_profile(table_file(people()), protected=["sex"], reference_population=reference)
    assert fragment in str(caught.value)
