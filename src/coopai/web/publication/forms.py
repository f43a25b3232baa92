"""The owner's transparency record form, made from the standard's field list: one field
for each thing the assessment cannot fill, with the standard's limits and choices."""

from __future__ import annotations

from typing import Any

from django import forms

from coopai.transparency import AtrsRecord, Field, Standard, owner_fields

# The record's name and description are the approved proposal's own title and
# description, so they are not asked again (and what is published is what was decided).
NOT_ASKED = frozenset({"name", "description"})
# Fields the assessment fills that the owner may still correct.
ALSO_ASKED = frozenset({"phase", "function"})


def asked(standard: Standard, record: AtrsRecord) -> list[Field]:
    """The fields nothing filled for this record (or its owner filled), and the few the
    owner may correct."""
    ids = {f.id for f in owner_fields(standard, record)} | ALSO_ASKED
    return [f for f in standard.fields if f.id in ids and f.id not in NOT_ASKED]


class RecordForm(forms.Form):
    def __init__(self, *args: Any, standard: Standard, record: AtrsRecord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.record_fields = asked(standard, record)
        for field in self.record_fields:
            self.fields[field.id] = _form_field(field)

    def values(self) -> dict[str, str]:
        return {f.id: str(self.cleaned_data.get(f.id) or "") for f in self.record_fields}

    def sections(self) -> list[tuple[str, list[Field]]]:
        grouped: dict[str, list[Field]] = {}
        for field in self.record_fields:
            grouped.setdefault(field.section_title, []).append(field)
        return list(grouped.items())


def _form_field(field: Field) -> forms.Field:
    messages = {"max_length": f"{field.name} must be {field.max_length:,} characters or fewer"}
    if field.type == "choice":
        return forms.ChoiceField(
            required=False,
            choices=[("", "Not chosen")] + [(c, c) for c in field.choices],
            error_messages={"invalid_choice": f"Select one of the {field.name.lower()} choices"},
        )
    if field.type == "email":
        return forms.EmailField(
            required=False,
            max_length=field.max_length,
            error_messages={
                **messages,
                "invalid": "Enter an email address, like ai@council.gov.uk",
            },
        )
    if field.type == "url":
        return forms.URLField(
            required=False,
            max_length=field.max_length,
            assume_scheme="https",
            error_messages={
                **messages,
                "invalid": "Enter a web address, like https://council.gov.uk",
            },
        )
    return forms.CharField(required=False, max_length=field.max_length, error_messages=messages)
