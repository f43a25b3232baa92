"""The text and Markdown reports of every example stay exactly as they are.

The golden files under golden/ hold every report as the renderers last wrote it; any change
to a report's bytes shows here. When a change to a report is meant, regenerate them with
`python -m tests.framework.test_render_golden` and review the diff like any other change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from coopai.framework import load_framework, render
from coopai.framework.assessing import assess_data, assess_path
from coopai.framework.loaded import Framework
from coopai.framework.result import AssessmentResult

from .conftest import EXAMPLES

GOLDEN = Path(__file__).parent / "golden"
FRAMEWORKS = {"core": None, "local": EXAMPLES / "local-framework"}
# No shipped example leaves a question open, so one is opened here to show a provisional result.
PROVISIONAL = "resident-chatbot"
OPENED = ("people_per_year", "explainability")


def marked(text: str, **style: object) -> str:
    """A style that writes its arguments into the text, so the golden file records them."""
    named = ",".join(f"{key}={value}" for key, value in sorted(style.items()))
    return f"<{named}>{text}</>"


RENDERERS: dict[str, Callable[[AssessmentResult], str]] = {
    "txt": render.to_text,
    "styled.txt": lambda result: render.to_text(result, marked),
    "md": render.to_markdown,
}


def examples() -> Iterator[tuple[str, str]]:
    """Every example under each framework, and the one opened to be provisional."""
    for variant in FRAMEWORKS:
        for example in sorted(EXAMPLES.glob("*.yaml")):
            yield variant, example.stem
    yield "provisional", PROVISIONAL


def cases() -> Iterator[tuple[str, str, str]]:
    for variant, stem in examples():
        for suffix in RENDERERS:
            yield variant, stem, suffix


def assessed(variant: str, stem: str) -> AssessmentResult:
    if variant == "provisional":
        return _provisional_result(stem)
    folder = FRAMEWORKS[variant]
    framework: Framework | None = load_framework(folder) if folder else None
    _, result = assess_path(EXAMPLES / f"{stem}.yaml", framework=framework)
    return result


def rendered(variant: str, stem: str, suffix: str) -> str:
    return RENDERERS[suffix](assessed(variant, stem))


def _provisional_result(stem: str) -> AssessmentResult:
    data = yaml.safe_load((EXAMPLES / f"{stem}.yaml").read_text(encoding="utf-8"))
    for fact in OPENED:
        del data["facts"][fact]
    _, result = assess_data(data, file=f"{stem}.yaml", allow_incomplete=True)
    assert not result.complete
    return result


def golden_path(variant: str, stem: str, suffix: str) -> Path:
    return GOLDEN / variant / f"{stem}.{suffix}"


@pytest.mark.parametrize(("variant", "stem", "suffix"), list(cases()))
def test_the_report_is_byte_for_byte_what_it_was(variant: str, stem: str, suffix: str) -> None:
    expected = golden_path(variant, stem, suffix).read_text(encoding="utf-8")
    assert rendered(variant, stem, suffix) == expected


def test_there_is_a_golden_file_for_every_example_and_format() -> None:
    written = {path.relative_to(GOLDEN) for path in GOLDEN.rglob("*.*")}
    expected = {golden_path(*case).relative_to(GOLDEN) for case in cases()}
    assert written == expected


if __name__ == "__main__":
    for case in cases():
        target = golden_path(*case)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(rendered(*case), encoding="utf-8")
