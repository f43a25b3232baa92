import json
import re

from click.testing import CliRunner

from coopai.audit.cli import audit

from .conftest import small_outputs

BIAS = ["--prediction", "pred", "--label", "outcome", "--protected", "sex,age_band"]


def run(*args):
    return CliRunner().invoke(audit, [str(a) for a in args])


def test_bias_prints_a_text_report(table_file):
    result = run("bias", table_file(small_outputs()), *BIAS)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Bias audit of outputs.csv")
    assert "By sex and age_band" in result.output


def test_bias_json_is_the_full_unsuppressed_result_by_default(table_file):
    result = run(
        "bias",
        table_file(small_outputs()),
        *BIAS,
        "--format",
        "json",
        "--reference",
        "sex=M",
        "--use",
        "punitive",
        "--worse-error",
        "false_positive",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kind"] == "bias"
    assert data["publication"] is False
    assert data["dimensions"][0]["reference"] == "sex=M"
    assert data["headline"]["metrics"] == ["fpr", "fdr", "selection_rate"]


def test_html_is_published_with_small_counts_withheld_and_accessible_charts(table_file):
    result = run("bias", table_file(small_outputs()), *BIAS, "--format", "html")
    assert result.exit_code == 0, result.output
    page = result.output
    assert page.count("<h1>") == 1
    assert re.search(r"<title>Bias audit of outputs.csv</title>", page)
    assert "withheld (&lt;10)" in page
    svgs = re.findall(r'<svg role="img" aria-labelledby="([^"]+)"', page)
    assert svgs
    for labelled_by in svgs:
        for element_id in labelled_by.split():
            assert f'id="{element_id}"' in page
    assert "Table of the chart's data" in page


def test_markdown_can_be_unpublished_on_request(table_file):
    result = run("bias", table_file(small_outputs()), *BIAS, "--format", "markdown", "--no-publish")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Bias audit of outputs.csv")
    assert "withheld" not in result.output
    assert "| sex: F (reference) (too small) | 8 |" in result.output


def test_bias_writes_to_a_file_when_asked(table_file, tmp_path):
    target = tmp_path / "report.json"
    result = run("bias", table_file(small_outputs()), *BIAS, "--format", "json", "-o", target)
    assert result.exit_code == 0
    assert json.loads(target.read_text())["rows"] == 12


def test_bad_input_exits_non_zero_with_the_problem_on_stderr(table_file):
    result = run(
        "bias", table_file(small_outputs()), "--prediction", "prediction", "--protected", "sex"
    )
    assert result.exit_code == 2
    assert "Error: column 'prediction': the prediction column is not in the file." in (
        result.stderr
    )
    assert result.stdout == ""


def test_a_malformed_reference_is_refused_naming_it(table_file):
    result = run("bias", table_file(small_outputs()), *BIAS, "--reference", "sex")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the reference group 'sex' should look like column=value, e.g. sex=F.\n"
    )


def test_a_reference_for_an_unprotected_column_is_refused_naming_the_allowed_ones(table_file):
    result = run("bias", table_file(small_outputs()), *BIAS, "--reference", "pred=1")
    assert result.exit_code == 2
    assert "column 'pred': the reference group 'pred=1'" in result.stderr
    assert "the protected characteristics are: 'sex', 'age_band'." in result.stderr


def test_progress_goes_to_stderr_when_asked(table_file):
    result = run("bias", table_file(small_outputs()), *BIAS, "--format", "json", "--progress")
    assert result.exit_code == 0
    assert "Auditing" in result.stderr
    json.loads(result.stdout)


def test_errors_reports_rates_and_advice(table_file):
    path = table_file({"verdict": ["correct"] * 30 + ["minor_error"] * 10, "team": ["a", "b"] * 20})
    result = run("errors", path, "--verdict", "verdict", "--group", "team", "--target-width", "0.2")
    assert result.exit_code == 0, result.output
    assert "Any error: 25.0%" in result.output
    assert "team: a" in result.output and "team=a" not in result.output


def test_errors_refuses_an_unknown_verdict(table_file):
    path = table_file({"verdict": ["correct", "nonsense"]})
    result = run("errors", path, "--verdict", "verdict")
    assert result.exit_code == 2
    assert "row 2, value 'nonsense'" in result.stderr


def test_quality_profiles_columns_and_representation(table_file, tmp_path):
    reference = tmp_path / "population.csv"
    reference.write_text("group,share\nF,0.5\nM,0.5\n")
    result = run(
        "quality",
        table_file(small_outputs()),
        "--protected",
        "sex",
        "--reference-population",
        reference,
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kind"] == "quality"
    assert data["representation"][0]["characteristic"] == "sex"


def test_quality_and_errors_render_as_markdown_and_html(table_file, tmp_path):
    reference = tmp_path / "population.csv"
    reference.write_text("group,share\nF,0.5\nM,0.5\n")
    quality = run(
        "quality",
        table_file(small_outputs()),
        "--protected",
        "sex",
        "--reference-population",
        reference,
        "--format",
        "markdown",
    )
    assert quality.exit_code == 0, quality.output
    assert "## Representation by sex" in quality.output
    assert "Chi-square goodness of fit" in quality.output
    path = table_file({"verdict": ["correct"] * 30 + ["harmful"] * 3}, name="reviews")
    errors = run("errors", path, "--verdict", "verdict", "--format", "html")
    assert errors.exit_code == 0, errors.output
    assert errors.output.count("<h1>") == 1
    assert "withheld (&lt;10)" in errors.output
