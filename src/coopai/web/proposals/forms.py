"""Forms for the assessment pages; kinds.py says which page uses which. Choices come from
the framework content, so a tampered value is refused before it reaches the engine (which
would refuse it too)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings

RATINGS = [("0", "0"), ("1", "1"), ("2", "2"), ("3", "3")]


class DetailsForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter a title for the proposal",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    service_area = forms.CharField(max_length=200, required=False)
    description = forms.CharField(
        max_length=5000,
        error_messages={
            "required": "Describe what the AI would do",
            "max_length": "Description must be 5,000 characters or fewer",
        },
    )


class ChoiceForm(forms.Form):
    """One answer from `choices`, in the order shown; with `not_known`, "Not known" too."""

    # The value posted for "Not known". Answer values in the content are words joined by
    # underscores, so no answer can be this.
    NOT_KNOWN = "not-known"

    answer = forms.ChoiceField(
        error_messages={
            "required": "Select an answer",
            "invalid_choice": "Select one of the answers shown",
        }
    )

    def __init__(
        self,
        *args: Any,
        choices: list[tuple[str, str]],
        not_known: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        offered = [*choices, (self.NOT_KNOWN, "Not known")] if not_known else choices
        cast(forms.ChoiceField, self.fields["answer"]).choices = offered


class NumberForm(forms.Form):
    answer = forms.IntegerField(
        min_value=0,
        max_value=100_000_000,
        error_messages={
            "required": "Enter a number of people, like 1200",
            "invalid": "Enter a whole number, like 1200",
            "min_value": "Number of people must be 0 or more",
            "max_value": "Number of people must be 100,000,000 or fewer",
        },
    )


class AmountForm(forms.Form):
    answer = forms.IntegerField(
        min_value=0,
        max_value=10_000_000_000,
        error_messages={
            "required": "Enter a whole number, like 1200, or go back if you do not know",
            "invalid": "Enter a whole number, like 1200",
            "min_value": "Enter 0 or more",
            "max_value": "Enter a number of 10,000,000,000 or fewer",
        },
    )


class TextForm(forms.Form):
    answer = forms.CharField(
        max_length=5000,
        error_messages={
            "required": "Enter an answer, or go back if you do not know yet",
            "max_length": "Answer in 5,000 characters or fewer",
        },
    )


class MitigationsForm(forms.Form):
    """The mitigations in place, or "None of these" on its own (GOV.UK's exclusive option).
    The cleaned answer is the mitigations' ids: empty when none are in place."""

    # The value posted for "None of these"; mitigation ids never have a hyphen.
    NONE = "none-of-these"

    answer = forms.MultipleChoiceField(
        error_messages={
            "required": "Select the mitigations already in place, or select “None of these”",
            "invalid_choice": "Select only the mitigations shown, or “None of these”",
        }
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = [*choices, (self.NONE, "None of these")]
        cast(forms.ChoiceField, self.fields["answer"]).choices = offered

    def clean_answer(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["answer"]
        if self.NONE in chosen and len(chosen) > 1:
            raise forms.ValidationError(
                "“None of these” cannot be selected with a mitigation: select "
                "only the mitigations in place, or only “None of these”"
            )
        return [value for value in chosen if value != self.NONE]


class RatingForm(forms.Form):
    answer = forms.ChoiceField(
        choices=RATINGS,
        error_messages={
            "required": "Select a rating",
            "invalid_choice": "Select one of the ratings shown",
        },
    )
    evidence = forms.CharField(
        max_length=5000,
        required=False,
        error_messages={"max_length": "Evidence must be 5,000 characters or fewer"},
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        error_messages={"required": "Select a proposal file", "empty": "The selected file is empty"}
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.COOPAI_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The selected file must be smaller than {limit // 1000} KB"
            )
        if not upload.name.lower().endswith((".yaml", ".yml")):
            raise forms.ValidationError("The selected file must be a YAML file (.yaml or .yml)")
        return upload


def encode(value: Any) -> str:
    """A fact value as a form value: booleans become "true" / "false"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
