"""The guided assessment's layout as content: layout.yaml, checked against a schema.

The framework's released content is frozen by its digest, so what only the web pages
need (optional sections, fixed page titles, the triage sections) lives here, beside the
pages that use it. `layout_problems` checks it against a framework's sections.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from coopai.framework import ContentError, Framework
from coopai.framework.yamlio import read_yaml, unreadable_yaml_raises, validation_problems

LAYOUT_FILE = Path(__file__).with_name("layout.yaml")

SectionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
FixedKind = Literal["details", "category", "technique", "mitigations"]
"""Kinds of page asked once, whatever the framework holds."""
RepeatedKind = Literal["principle", "enabler", "suitability", "benefit"]
"""Kinds of page asked once for each principle, enabler, triage question or benefit field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FixedPage(_Strict):
    kind: FixedKind
    title: Text


class SectionLayout(_Strict):
    """What a section asks before its fact questions, and whether it may be skipped."""

    id: SectionId
    optional: bool = False
    pages: tuple[FixedPage, ...] = ()
    one_page_per: RepeatedKind | None = None
    # The page's heading when it differs from the item's name; {name} is the name, lower case.
    heading: Text | None = None


class TriageSection(SectionLayout):
    """A section the framework does not list, placed after one it does."""

    after: SectionId
    name: Text
    description: Text


class Layout(_Strict):
    layout_version: Literal[1]
    sections: tuple[SectionLayout, ...]
    triage: tuple[TriageSection, ...] = ()

    def for_section(self, section_id: str) -> SectionLayout:
        """The layout of a framework section; one it does not name asks only its questions."""
        return next((s for s in self.sections if s.id == section_id), SectionLayout(id=section_id))

    def triage_after(self, section_id: str) -> list[TriageSection]:
        return [section for section in self.triage if section.after == section_id]


def read_layout(path: Path) -> Layout:
    """A layout file, or ContentError naming each problem's key and line."""
    with unreadable_yaml_raises(ContentError):
        data, node = read_yaml(path)
    try:
        return Layout.model_validate(data)
    except ValidationError as error:
        raise ContentError(
            validation_problems(error, str(path), node, format_name="layout")
        ) from error


@cache
def load_layout() -> Layout:
    return read_layout(LAYOUT_FILE)


def layout_problems(layout: Layout, framework: Framework) -> list[str]:
    """Section ids the layout names that the framework does not have, or that clash."""
    known = [section.id for section in framework.sections]
    problems = [
        f"sections: {s.id!r} is not a section of framework {framework.version}."
        for s in layout.sections
        if s.id not in known
    ]
    for triage in layout.triage:
        if triage.after not in known:
            problems.append(
                f"triage: {triage.id!r} comes after {triage.after!r}, which is not a section "
                f"of framework {framework.version}."
            )
        if triage.id in known:
            problems.append(
                f"triage: {triage.id!r} is already a section of framework {framework.version}."
            )
    return problems
