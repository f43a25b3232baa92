"""The shape of an ATRS field list file (content/atrs-<version>.yaml).

Each item is checked on its own here; what needs the whole file (unique ids and
references, a section's skip rule naming a real field) is checked in `standard.py`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

FieldId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Reference = Annotated[str, StringConstraints(pattern=r"^[0-9A-Z][0-9A-Za-z.]*$", max_length=20)]

FieldType = Literal["text", "email", "url", "choice"]
"""What a field holds: free text, an email address, a web address, or one of its choices."""

Tier = Literal["summary", 2]
"""The summary a resident reads first, or the detail (tier 2) for anyone who wants more."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldSpec(Strict):
    id: FieldId
    reference: Reference
    name: Text
    required: bool
    type: FieldType
    help: Text
    max_length: Annotated[int, Field(gt=0, le=100_000)] | None = None
    choices: list[Text] = Field(default_factory=list)
    # Other words that find a choice: a lifecycle stage, a technique id, a service area.
    aliases: dict[str, list[Text]] = Field(default_factory=dict)
    default: Text | None = None

    @model_validator(mode="after")
    def _fits_its_type(self) -> FieldSpec:
        if self.type == "choice":
            if not self.choices:
                raise ValueError("a choice field lists its choices")
            if len(set(self.choices)) != len(self.choices):
                raise ValueError("a choice is listed twice")
            unknown = [key for key in self.aliases if key not in self.choices]
            if unknown:
                raise ValueError(f"aliases name {unknown[0]!r}, which is not one of the choices")
            if self.default is not None and self.default not in self.choices:
                raise ValueError(f"the default {self.default!r} is not one of the choices")
        else:
            if self.choices or self.aliases:
                raise ValueError(f"only a choice field has choices or aliases, not a {self.type}")
            if self.max_length is None:
                raise ValueError(f"a {self.type} field needs a max_length")
        return self


class SkipWhen(Strict):
    """A section left out when one of its own choice fields holds this value."""

    field: FieldId
    equals: Text


class SectionSpec(Strict):
    id: FieldId
    title: Text
    tier: Tier
    help: Text
    fields: list[FieldSpec] = Field(min_length=1)
    skip_when: SkipWhen | None = None


class StandardSpec(Strict):
    standard: Text
    version: Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]+)*$")]
    # How an assessment answer reads in a record: a lead before the answer, per question.
    answer_leads: dict[FieldId, Text] = Field(default_factory=dict)
    sections: list[SectionSpec] = Field(min_length=1)
