"""The CLI's reports of the example data, in every format, match the files kept beside
this test byte for byte: a change to how the engine builds or lays out its reports
shows here as a diff, and only a deliberate one should be accepted.

To accept a deliberate change, rewrite the files and review the diff in git:
``python -m tests.audit.test_report_outputs`` (from the repository root).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from coopai.audit.cli import audit

EXPECTED = Path(__file__).with_name("expected_reports")
FORMATS = {"text": "txt", "markdown": "md", "html": "html", "json": "json"}


def _write(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def outputs_rows() -> list[list[object]]:
    """Women selected half the time and men a fifth, across three age bands; eight
    people of sex X (too small to judge, withheld when published); some ages missing."""
    rows: list[list[object]] = []
    for sex, size, selected_every in (("F", 300, 2), ("M", 260, 5), ("X", 8, 2)):
        for i in range(size):
            pred = 1 if i % selected_every == 0 else 0
            outcome = 1 if i % 3 == 0 or (pred and i % 4 == 0) else 0
            band = ["16-34", "35-64", "65+", ""][i % 4 if i % 23 == 0 else i % 3]
            score = round(0.05 + 0.9 * pred - 0.01 * (i % 5), 2)
            rows.append([len(rows) + 1, pred, score, outcome, sex, band])
    return rows


def reviewed_rows() -> list[list[object]]:
    verdicts = ["correct"] * 7 + ["minor error", "major_error", "Harmful"]
    languages = ["English", "Welsh", "English", "Polish"]
    return [[i, verdicts[i % 10], languages[i % 4] if i < 120 else "Welsh"] for i in range(150)]


def applicants_rows() -> list[list[object]]:
    """Too few women against the census, sex often not recorded, ages that are not
    numbers, and the last ten rows repeating earlier ones exactly."""
    rows: list[list[object]] = []
    for i in range(200):
        j = i % 190
        age: object = 20 + j % 50 if j % 17 else ("unknown" if j % 2 else "")
        rows.append([j, ["F", "M", "M", "X"][j % 4] if j % 15 else "", age, f"W{j % 7}"])
    return rows


def example_files(folder: Path) -> dict[str, Path]:
    return {
        "outputs": _write(
            folder / "outputs.csv",
            ["id", "pred", "risk", "outcome", "sex", "age_band"],
            outputs_rows(),
        ),
        "reviewed": _write(
            folder / "reviewed.csv", ["sample", "verdict", "language"], reviewed_rows()
        ),
        "applicants": _write(
            folder / "applicants.csv", ["id", "sex", "age", "ward"], applicants_rows()
        ),
        "census": _write(
            folder / "census-sex.csv",
            ["group", "share"],
            [["F", 0.5], ["M", 0.45], ["X", 0.05]],
        ),
    }


def commands(files: dict[str, Path]) -> dict[str, list[str]]:
    return {
        "bias": [
            "bias",
            str(files["outputs"]),
            *("--prediction", "pred", "--label", "outcome", "--protected", "sex,age_band"),
            *("--use", "punitive", "--worse-error", "false_positive"),
        ],
        "bias-score": [
            "bias",
            str(files["outputs"]),
            *("--score", "risk", "--threshold", "0.5", "--protected", "sex,age_band"),
            *("--reference", "sex=M", "--intersect", "sex,age_band"),
        ],
        "errors": [
            "errors",
            str(files["reviewed"]),
            *("--verdict", "verdict", "--group", "language", "--min-group", "35"),
        ],
        "quality": [
            "quality",
            str(files["applicants"]),
            *("--protected", "sex", "--reference-population", str(files["census"])),
        ],
    }


CASES = [
    (name, output_format, publish)
    for name in ("bias", "bias-score", "errors", "quality")
    for output_format in FORMATS
    for publish in (True, False)
]


def expected_name(name: str, output_format: str, publish: bool) -> str:
    return f"{name}-{'published' if publish else 'full'}.{FORMATS[output_format]}"


def report(files: dict[str, Path], name: str, output_format: str, publish: bool) -> str:
    arguments = commands(files)[name]
    flag = "--publish" if publish else "--no-publish"
    result = CliRunner().invoke(audit, [*arguments, "--format", output_format, flag])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return example_files(tmp_path_factory.mktemp("examples"))


@pytest.mark.parametrize(("name", "output_format", "publish"), CASES)
def test_the_report_of_the_example_data_is_unchanged(
    files: dict[str, Path], name: str, output_format: str, publish: bool
) -> None:
    expected = (EXPECTED / expected_name(name, output_format, publish)).read_text("utf-8")
    assert report(files, name, output_format, publish) == expected


def test_the_example_reports_show_flags_failures_and_withheld_figures() -> None:
    """The examples are worth keeping only if they exercise what a report can say."""
    text = (EXPECTED / "bias-published.txt").read_text("utf-8")
    assert "FLAGGED" in text and "FAILS" in text and "withheld (<10)" in text
    assert "What the audit flagged" in text and "too small" in text
    quality = (EXPECTED / "quality-full.txt").read_text("utf-8")
    assert "differs from the reference population" in quality and "repeat" in quality


if __name__ == "__main__":
    import tempfile

    EXPECTED.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        inputs = example_files(Path(scratch))
        for case in CASES:
            (EXPECTED / expected_name(*case)).write_text(report(inputs, *case), encoding="utf-8")
