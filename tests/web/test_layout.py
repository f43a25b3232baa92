"""The guided assessment's layout is content: checked against its schema with precise
errors, and against every framework version's sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopai.framework import ContentError, available_versions, load_framework
from coopai.web.proposals import selectors, services, steps
from coopai.web.proposals.layout import LAYOUT_FILE, layout_problems, load_layout, read_layout

from .conftest import Personas


@pytest.mark.parametrize("version", available_versions())
def test_every_section_the_layout_names_is_the_frameworks_or_a_declared_triage_section(
    version: str,
) -> None:
    assert layout_problems(load_layout(), load_framework(version)) == []


def test_it_names_a_section_the_framework_does_not_have(tmp_path: Path) -> None:
    text = LAYOUT_FILE.read_text().replace("- id: readiness", "- id: readyness")
    text = text.replace("after: about", "after: abuot", 1)
    (tmp_path / "layout.yaml").write_text(text)
    problems = layout_problems(read_layout(tmp_path / "layout.yaml"), load_framework())
    assert problems == [
        "sections: 'readyness' is not a section of framework 1.1.",
        "triage: 'suitability' comes after 'abuot', which is not a section of framework 1.1.",
    ]


def test_a_triage_section_may_not_reuse_a_framework_section_id(tmp_path: Path) -> None:
    (tmp_path / "layout.yaml").write_text(
        LAYOUT_FILE.read_text().replace("- id: benefits", "- id: data")
    )
    problems = layout_problems(read_layout(tmp_path / "layout.yaml"), load_framework())
    assert problems == ["triage: 'data' is already a section of framework 1.1."]


def test_a_malformed_layout_is_refused_with_the_key_and_line(tmp_path: Path) -> None:
    text = LAYOUT_FILE.read_text()
    text = text.replace(
        "    optional: true\n    one_page_per: principle",
        "    optional: maybe\n    one_page_per: principle",
    )
    text = text.replace("      - kind: details\n", "      - kind: detials\n        colour: red\n")
    path = tmp_path / "layout.yaml"
    path.write_text(text)
    with pytest.raises(ContentError) as caught:
        read_layout(path)
    found = {(p.path, p.line) for p in caught.value.problems}
    lines = text.splitlines()
    assert ("sections[0].pages[0].kind", lines.index("      - kind: detials") + 1) in found
    assert ("sections[0].pages[0].colour", lines.index("        colour: red") + 1) in found
    assert ("sections[2].optional", lines.index("    optional: maybe") + 1) in found
    messages = {p.path: p.message for p in caught.value.problems}
    assert messages["sections[0].pages[0].colour"] == "this key is not part of the layout format."


def test_the_pages_are_laid_out_in_the_order_and_with_the_optional_sections_of_before(
    personas: Personas,
) -> None:
    framework = load_framework()
    proposal = services.proposal_create(
        council=personas.council_a, owner=personas.proposer_a, title="Idea", description="Idea."
    )
    built = steps.sections(framework, selectors.checked_proposal(proposal=proposal))
    assert [(s.id, s.optional) for s in built] == [
        ("about", False),
        ("suitability", True),
        ("benefits", True),
        ("impact_on_people", False),
        ("data", False),
        ("oversight", False),
        ("workforce", False),
        ("mitigations", False),
        ("principles", True),
        ("readiness", True),
    ]
    assert [s.title for s in built[0].steps] == [
        "Describe the proposal",
        "What kind of use is it?",
        "What kind of AI is it?",
    ]
    assert built[1].name == "Is AI the right tool?"
    assert built[2].description == "What the council expects to gain, and how it will know."
