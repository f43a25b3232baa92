"""The upload form and the column-mapping forms, with defaults guessed from column names.

Column fields offer only the file's own columns; a name that is not in the file is
refused with the engine's own message, which suggests close names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from coopai.audit import BiasMapping
from coopai.audit.guide import load_guide
from coopai.audit.problems import unknown_column
from coopai.audit.source import SUPPORTED_SUFFIXES
from coopai.web.evidence.models import AuditKind

PREDICTION_NAMES = {"pred", "prediction", "predicted", "y_pred", "decision", "selected", "flagged"}
SCORE_NAMES = {"score", "risk", "risk_score", "probability", "prob", "y_score"}
LABEL_NAMES = {"label", "outcome", "actual", "y_true", "truth", "true_outcome", "target"}
VERDICT_NAMES = {"verdict", "review", "reviewer_verdict", "judgement", "judgment", "rating"}
# Words that mark a column as one of the Equality Act's protected characteristics.
PROTECTED_WORDS = {
    "age", "sex", "gender", "ethnicity", "ethnic", "race", "disability", "disabled",
    "religion", "belief", "pregnancy", "maternity", "marriage", "marital", "orientation",
    "reassignment", "trans",
}  # fmt: skip


def _words(column: str) -> list[str]:
    return [word for word in re.split(r"[^a-z0-9]+", column.lower()) if word]


def _first_named(columns: Sequence[str], names: set[str]) -> str:
    return next((c for c in columns if "_".join(_words(c)) in names), "")


def protected_guess(columns: Iterable[str]) -> list[str]:
    return [c for c in columns if PROTECTED_WORDS & set(_words(c))]


def _guess_bias(columns: Sequence[str]) -> dict[str, Any]:
    prediction = _first_named(columns, PREDICTION_NAMES)
    return {
        "prediction": prediction,
        "score": "" if prediction else _first_named(columns, SCORE_NAMES),
        "label": _first_named(columns, LABEL_NAMES),
        "protected": protected_guess(columns),
        "cross": True,
    }


def _guess_errors(columns: Sequence[str]) -> dict[str, Any]:
    return {"verdict": _first_named(columns, VERDICT_NAMES), "groups": protected_guess(columns)}


GUESSES: dict[str, Callable[[Sequence[str]], dict[str, Any]]] = {
    AuditKind.BIAS: _guess_bias,
    AuditKind.ERRORS: _guess_errors,
    AuditKind.QUALITY: lambda columns: {},
}
"""Each kind's first guess at its mapping; a data-quality profile needs none."""


def guess_mapping(kind: str, columns: Sequence[str]) -> dict[str, Any]:
    """Initial values for the mapping form, from the columns' names alone."""
    return GUESSES[kind](columns)


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


def _not_in_file(value: str, columns: Sequence[str], role: str) -> forms.ValidationError:
    return forms.ValidationError(_sentence(str(unknown_column(value, columns, role))))


class ColumnField(forms.ChoiceField):
    """One of the file's columns, or empty (for "not used") unless required."""

    def __init__(self, *, role: str, **kwargs: Any) -> None:
        self.role = role
        self.columns: list[str] = []
        super().__init__(**kwargs)

    def offer(self, columns: Sequence[str], empty: str) -> None:
        self.columns = list(columns)
        self.choices = _choices(columns, empty)

    def validate(self, value: Any) -> None:
        if value and value not in self.columns:
            raise _not_in_file(value, self.columns, self.role)
        super().validate(value)


class ColumnsField(forms.MultipleChoiceField):
    """Any number of the file's columns."""

    def __init__(self, *, role: str, **kwargs: Any) -> None:
        self.role = role
        self.columns: list[str] = []
        super().__init__(**kwargs)

    def offer(self, columns: Sequence[str]) -> None:
        self.columns = list(columns)
        self.choices = _choices(columns, None)

    def validate(self, value: Any) -> None:
        for name in value or []:
            if name not in self.columns:
                raise _not_in_file(name, self.columns, self.role)
        super().validate(value)


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        choices=AuditKind.choices,
        error_messages={
            "required": "Select what kind of audit to run",
            "invalid_choice": "Select one of the kinds of audit shown",
        },
    )
    file = forms.FileField(
        error_messages={"required": "Select a file to audit", "empty": "The selected file is empty"}
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        limit = settings.COOPAI_MAX_AUDIT_UPLOAD_BYTES
        if PurePath(upload.name or "").suffix.lower() not in SUPPORTED_SUFFIXES:
            raise forms.ValidationError(
                "The selected file must be a CSV, Parquet or Excel file (.csv, .parquet or .xlsx)"
            )
        if (upload.size or 0) > limit:
            raise forms.ValidationError(
                f"The selected file must be smaller than {size_text(limit)}"
            )
        return upload


def size_text(limit: int) -> str:
    if limit >= 1_000_000:
        return f"{limit / 1_000_000:g} MB"
    return f"{limit / 1000:g} KB"


def _choices(columns: Sequence[str], empty: str | None) -> list[tuple[str, str]]:
    return ([("", empty)] if empty is not None else []) + [(c, c) for c in columns]


def _guide_choices(question: str) -> list[tuple[str, str]]:
    """The guide's answers, none of them chosen until the person chooses: unanswered is
    allowed, and is what the guide's rules read as "not known"."""
    options = getattr(load_guide().questions, question).options
    return list(options.items())


LARGEST = "largest"
"""The reference choice that leaves the engine to compare with the largest group."""
NAME_LENGTH = 60


@dataclass(frozen=True)
class ValueFields:
    """The fields for one column's values: which is the reference group, and their names."""

    column: str
    reference: str
    """The name of the reference choice's field."""
    names: list[tuple[str, str]]
    """Each value with the name of the field that names its group."""


class BiasMappingForm(forms.Form):
    prediction = ColumnField(role="prediction", required=False)
    score = ColumnField(role="score", required=False)
    threshold = forms.FloatField(
        required=False, error_messages={"invalid": "Enter the threshold as a number, like 0.7"}
    )
    label = ColumnField(role="label", required=False)
    protected = ColumnsField(
        role="protected characteristic",
        error_messages={"required": "Select at least one protected characteristic column"},
    )
    cross = forms.BooleanField(required=False)
    use = forms.ChoiceField(required=False, choices=_guide_choices("use"))
    worse_error = forms.ChoiceField(required=False, choices=_guide_choices("worse_error"))

    def __init__(
        self,
        *args: Any,
        columns: Sequence[str],
        values: Mapping[str, Sequence[str] | None] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in ("prediction", "score", "label"):
            cast(ColumnField, self.fields[name]).offer(columns, "Not used")
        cast(ColumnsField, self.fields["protected"]).offer(columns)
        self.value_fields: dict[str, ValueFields] = {}
        for index, column in enumerate(columns):
            listed = (values or {}).get(column)
            if listed:
                self._add_value_fields(index, column, list(listed))

    def _add_value_fields(self, index: int, column: str, listed: list[str]) -> None:
        """A reference choice among the column's values, and a name for each value, shown
        with the stored mapping's choices until the person changes them."""
        reference = f"reference_{index}"
        self.fields[reference] = forms.ChoiceField(
            required=False,
            choices=[(value, value) for value in listed] + [(LARGEST, "The largest group")],
            error_messages={"invalid_choice": f"Select one of the values of {column} shown"},
        )
        stored_reference = self.initial.get("reference")
        if isinstance(stored_reference, dict) and column in stored_reference:
            self.initial[reference] = stored_reference[column]
        stored_names = self.initial.get("value_names")
        given = stored_names.get(column, {}) if isinstance(stored_names, dict) else {}
        names = []
        for position, value in enumerate(listed):
            name = f"name_{index}_{position}"
            self.fields[name] = forms.CharField(
                required=False,
                max_length=NAME_LENGTH,
                error_messages={"max_length": f"A name must be {NAME_LENGTH} characters or fewer"},
            )
            self.initial[name] = given.get(value, "")
            names.append((value, name))
        self.value_fields[column] = ValueFields(column, reference, names)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        prediction, score = data.get("prediction"), data.get("score")
        if prediction and score:
            self.add_error("score", "Choose a prediction column or a score column, not both")
        elif not prediction and not score and "prediction" not in self.errors:
            self.add_error(
                "prediction", "Select the column with the AI's prediction, or a score column"
            )
        if score and data.get("threshold") is None and "threshold" not in self.errors:
            self.add_error("threshold", "Enter the threshold: a score at or above it is selected")
        chosen = [self.value_fields[c] for c in data.get("protected", []) if c in self.value_fields]
        data["reference"] = {
            fields.column: data[fields.reference]
            for fields in chosen
            if data.get(fields.reference) not in (None, "", LARGEST)
        }
        data["value_names"] = {fields.column: self._names(fields, data) for fields in chosen}
        if not self.errors:
            for problem in self._engine_mapping().problems():
                self.add_error(None, _sentence(problem.message))
        return data

    def _names(self, fields: ValueFields, data: dict[str, Any]) -> dict[str, str]:
        """The names given to a column's values; a name given to two values is refused."""
        names: dict[str, str] = {}
        seen: dict[str, str] = {}
        for value, field in fields.names:
            name = (data.get(field) or "").strip()
            if not name:
                continue
            if name.lower() in seen:
                self.add_error(
                    field,
                    f"Give each group of {fields.column} its own name: {name} is the name of "
                    f"{seen[name.lower()]} too",
                )
            seen[name.lower()] = value
            names[value] = name
        return names

    def _engine_mapping(self) -> BiasMapping:
        data = self.cleaned_data
        return BiasMapping(
            protected=list(data["protected"]),
            prediction=data.get("prediction") or None,
            score=data.get("score") or None,
            threshold=data.get("threshold") if data.get("score") else None,
            label=data.get("label") or None,
            reference=data.get("reference") or {},
            value_names={c: n for c, n in (data.get("value_names") or {}).items() if n},
        )

    def mapping(self) -> dict[str, Any]:
        """The mapping as stored on the run: the engine's arguments, as JSON."""
        engine = self._engine_mapping()
        return {
            "prediction": engine.prediction,
            "score": engine.score,
            "threshold": engine.threshold,
            "label": engine.label,
            "protected": list(engine.protected),
            "cross": bool(self.cleaned_data.get("cross")),
            "reference": dict(engine.reference),
            "value_names": {column: dict(names) for column, names in engine.value_names.items()},
            "use": self.cleaned_data.get("use") or None,
            "worse_error": self.cleaned_data.get("worse_error") or None,
        }


class ErrorsMappingForm(forms.Form):
    verdict = ColumnField(
        role="verdict",
        error_messages={"required": "Select the column with the reviewers' verdicts"},
    )
    groups = ColumnsField(role="group", required=False)

    def __init__(
        self, *args: Any, columns: Sequence[str], values: object = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(ColumnField, self.fields["verdict"]).offer(columns, "Select a column")
        cast(ColumnsField, self.fields["groups"]).offer(columns)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("verdict") and data.get("verdict") in data.get("groups", []):
            self.add_error("groups", "The verdict column cannot also be a group column")
        return data

    def mapping(self) -> dict[str, Any]:
        return {
            "verdict": self.cleaned_data["verdict"],
            "groups": list(self.cleaned_data["groups"]),
        }


class QualityMappingForm(forms.Form):
    """A data-quality profile needs no mapping: every column is profiled."""

    def __init__(
        self, *args: Any, columns: Sequence[str], values: object = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)

    def mapping(self) -> dict[str, Any]:
        return {}


MappingForm = BiasMappingForm | ErrorsMappingForm | QualityMappingForm
MAPPING_FORMS: dict[str, type[MappingForm]] = {
    AuditKind.BIAS: BiasMappingForm,
    AuditKind.ERRORS: ErrorsMappingForm,
    AuditKind.QUALITY: QualityMappingForm,
}
