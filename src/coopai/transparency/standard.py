"""An ATRS version's field list, loaded from its content file and checked.

Problems in the file are reported the way the framework's content problems are: the
file, the line, the item and what is wrong, all of them at once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coopai.framework.errors import ContentError, Problem
from coopai.framework.yamlio import (
    problem_at,
    read_yaml,
    unreadable_yaml_raises,
    validation_problems,
)
from coopai.transparency.content_schema import FieldType, SectionSpec, StandardSpec, Tier

CONTENT_ROOT = Path(__file__).parent / "content"
_SPACES = re.compile(r"\s+")
# A record's JSON holds these beside its sections, and the schema's $defs these.
RESERVED_SECTION_IDS = frozenset({"standard_version", "coopai", "record", "bundle"})


@dataclass(frozen=True)
class Field:
    """One field of a record, with the section it belongs to."""

    id: str
    reference: str
    name: str
    section: str
    section_title: str
    tier: Tier
    required: bool
    type: FieldType
    help: str
    max_length: int
    choices: tuple[str, ...]
    aliases: Mapping[str, tuple[str, ...]]
    default: str | None

    @property
    def label(self) -> str:
        """The name with its reference, as a person looks for it on the standard's form."""
        return f"{self.name} ({self.reference})"

    def choice_for(self, text: str) -> str | None:
        """The choice this text means (a choice in any case, or one of its aliases), if any."""
        wanted = _normal(text)
        for choice in self.choices:
            names = (choice, *self.aliases.get(choice, ()))
            if any(_normal(name) == wanted for name in names):
                return choice
        return None


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    tier: Tier
    help: str
    fields: tuple[Field, ...]
    skip_field: str | None = None
    skip_value: str | None = None

    def skipped(self, values: Mapping[str, str]) -> bool:
        """Whether the record leaves this section out (e.g. development data, off the shelf)."""
        return self.skip_field is not None and values.get(self.skip_field) == self.skip_value


@dataclass(frozen=True)
class Standard:
    title: str
    version: str
    sections: tuple[Section, ...]
    answer_leads: Mapping[str, str] = dataclass_field(default_factory=dict)

    @cached_property
    def fields(self) -> tuple[Field, ...]:
        return tuple(field for section in self.sections for field in section.fields)

    @cached_property
    def field_by_id(self) -> dict[str, Field]:
        return {field.id: field for field in self.fields}

    def missing(self, values: Mapping[str, str]) -> tuple[str, ...]:
        """The required fields still empty, in order, leaving out sections the record skips."""
        return tuple(
            field.id
            for section in self.sections
            if not section.skipped(values)
            for field in section.fields
            if field.required and not values.get(field.id)
        )


def available_standards() -> list[str]:
    """The ATRS versions coopai has a field list for."""
    return sorted(path.stem.removeprefix("atrs-") for path in CONTENT_ROOT.glob("atrs-*.yaml"))


@cache
def load_standard(version: str = "4.0") -> Standard:
    """A built-in ATRS version's field list (read and checked once, then cached)."""
    path = CONTENT_ROOT / f"atrs-{version}.yaml"
    if not path.is_file():
        raise ContentError(
            [
                Problem(
                    version,
                    "",
                    "is not an ATRS version coopai has a field list for.",
                    allowed=available_standards(),
                )
            ]
        )
    return load_standard_file(path)


def load_standard_file(path: Path) -> Standard:
    """Read and check a field list file, refusing it with every problem found."""
    with unreadable_yaml_raises(ContentError):
        data, node = read_yaml(path)
    try:
        spec = StandardSpec.model_validate(data)
    except ValidationError as error:
        raise ContentError(
            validation_problems(error, str(path), node, format_name="ATRS field list")
        ) from error
    problems = _whole_file_problems(spec, path, node)
    if problems:
        raise ContentError(problems)
    return Standard(
        title=spec.standard,
        version=spec.version,
        sections=tuple(_section(section) for section in spec.sections),
        answer_leads=dict(spec.answer_leads),
    )


def _section(spec: SectionSpec) -> Section:
    fields = tuple(
        Field(
            id=item.id,
            reference=item.reference,
            name=item.name,
            section=spec.id,
            section_title=spec.title,
            tier=spec.tier,
            required=item.required,
            type=item.type,
            help=item.help,
            max_length=item.max_length or max(len(choice) for choice in item.choices),
            choices=tuple(item.choices),
            aliases={key: tuple(names) for key, names in item.aliases.items()},
            default=item.default,
        )
        for item in spec.fields
    )
    skip = spec.skip_when
    return Section(
        spec.id,
        spec.title,
        spec.tier,
        spec.help,
        fields,
        skip.field if skip else None,
        skip.equals if skip else None,
    )


def _whole_file_problems(spec: StandardSpec, path: Path, node: Any) -> list[Problem]:
    """Ids and references unique across the file; skip rules name a choice of the section."""
    problems = []
    places = [
        (("sections", s, "fields", f), field)
        for s, section in enumerate(spec.sections)
        for f, field in enumerate(section.fields)
    ]
    for key in ("id", "reference"):
        counts = Counter(getattr(field, key) for _, field in places)
        for where, field in places:
            value = getattr(field, key)
            if counts[value] > 1:
                problems.append(
                    problem_at(
                        str(path),
                        node,
                        (*where, key),
                        f"the {key} {value!r} is used {counts[value]} times; each must be unique.",
                    )
                )
    section_counts = Counter(section.id for section in spec.sections)
    for index, section in enumerate(spec.sections):
        if section.id in RESERVED_SECTION_IDS:
            problems.append(
                problem_at(
                    str(path),
                    node,
                    ("sections", index, "id"),
                    f"{section.id!r} is reserved for the record's own keys; choose another id.",
                )
            )
        if section_counts[section.id] > 1:
            problems.append(
                problem_at(
                    str(path),
                    node,
                    ("sections", index, "id"),
                    f"the section id {section.id!r} is used {section_counts[section.id]} times.",
                )
            )
        rule = section.skip_when
        own = {field.id: field for field in section.fields}
        if rule and (rule.field not in own or rule.equals not in own[rule.field].choices):
            problems.append(
                problem_at(
                    str(path),
                    node,
                    ("sections", index, "skip_when"),
                    "must name a choice field of this section and one of its choices.",
                )
            )
    return problems


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\u2019", "'")).strip().casefold()
