"""Forms for review and decision. Each names what is wrong and what is allowed; the
rules themselves (what may be approved, what evidence counts) are the engine's."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.contrib.auth.models import User
from django.utils import timezone

from coopai.framework.review import VOTE_LABELS, Vote
from coopai.web.reviews import documents

TEXT_LIMIT = 5000


def _text(required: str, *, limit: int = TEXT_LIMIT, optional: bool = False) -> forms.CharField:
    return forms.CharField(
        max_length=limit,
        required=not optional,
        error_messages={
            "required": required,
            "max_length": f"Write {limit:,} characters or fewer",
        },
    )


class DateParts(forms.Form):
    """A date asked as day, month and year (the GOV.UK date input), in one field's name.

    Subclasses set `date_field` and `date_label`; the cleaned date is in cleaned_data
    under `date_field`. `date_future` refuses today and earlier.
    """

    date_field = "date"
    date_label = "The date"
    date_required = True
    date_future = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for part in ("day", "month", "year"):
            # Checked in clean(), so a wrong part gets the date's own message.
            self.fields[f"{self.date_field}-{part}"] = forms.CharField(required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        parts = [
            (self.data.get(f"{self.date_field}-{p}") or "").strip()
            for p in ("day", "month", "year")
        ]
        name = self.date_field
        if not any(parts):
            if self.date_required:
                self.add_error(f"{name}-day", f"Enter {self.date_label.lower()}")
            cleaned[name] = None
            return cleaned
        # ASCII digits only: superscript and Arabic-Indic digits are digits to Python
        # but not numbers to int().
        if not all(part.isascii() and part.isdigit() and len(part) <= 4 for part in parts):
            self.add_error(f"{name}-day", f"{self.date_label} must be a real date, like 27 11 2027")
            return cleaned
        day, month, year = (int(part) for part in parts)
        try:
            chosen = date(year, month, day)
        except ValueError:
            self.add_error(f"{name}-day", f"{self.date_label} must be a real date, like 27 11 2027")
            return cleaned
        if self.date_future and chosen <= timezone.localdate():
            self.add_error(f"{name}-day", f"{self.date_label} must be in the future")
            return cleaned
        if chosen.year > 2100:
            self.add_error(f"{name}-day", f"{self.date_label} must be before 2100")
            return cleaned
        cleaned[name] = chosen
        return cleaned


class VoteForm(DateParts):
    date_field = "review_date"
    date_label = "The next review date"
    date_required = False

    vote = forms.ChoiceField(
        choices=[(v.value, VOTE_LABELS[v]) for v in Vote],
        error_messages={
            "required": "Select your decision",
            "invalid_choice": "Select one of the decisions shown",
        },
    )
    reasons = _text("Give the reasons for your decision")


class ConditionForm(DateParts):
    date_field = "due"
    date_label = "The due date"

    text = _text("Write the condition", limit=2000)
    owner = forms.ChoiceField(
        error_messages={
            "required": "Select who owns the condition",
            "invalid_choice": "Select one of the people shown",
        }
    )

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(person.pk): person for person in people}
        cast(forms.ChoiceField, self.fields["owner"]).choices = [("", "Choose a person")] + [
            (key, person.get_full_name() or person.get_username())
            for key, person in self.people.items()
        ]

    def owner_user(self) -> User:
        return self.people[self.cleaned_data["owner"]]


class CloseConditionForm(forms.Form):
    state = forms.ChoiceField(
        choices=[("met", "Met"), ("waived", "Waived")],
        error_messages={"required": "Select met or waived"},
    )
    note = _text("", limit=2000, optional=True)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("state") == "waived" and not (cleaned.get("note") or "").strip():
            self.add_error("note", "Give the reason for waiving the condition")
        return cleaned


class ReasonForm(forms.Form):
    reason = _text("Give the reasons")


class OptionalReasonForm(forms.Form):
    reason = _text("", optional=True)


class RenewForm(DateParts):
    date_field = "next_review"
    date_label = "The next review date"

    reason = _text("Give the reasons for renewing it")


class CommentForm(forms.Form):
    section = forms.ChoiceField(
        error_messages={
            "required": "Select what the comment is about",
            "invalid_choice": "Select a section of the assessment from the list",
        }
    )
    text = _text("Write a comment")

    def __init__(self, *args: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["section"]).choices = sections


class AcceptForm(forms.Form):
    note = _text("", optional=True)


class ExceptionForm(forms.Form):
    reason = _text("Give the reason for approving without this requirement met")


class EvidenceForm(forms.Form):
    """Evidence for one requirement: a link, a document, or a finished audit."""

    kind = forms.ChoiceField(
        choices=[("link", "A link"), ("document", "A document"), ("audit", "An audit result")],
        error_messages={"required": "Select what kind of evidence it is"},
    )
    title = forms.CharField(
        max_length=200,
        required=False,
        error_messages={"max_length": "Title must be 200 characters or fewer"},
    )
    url = forms.URLField(
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter a web address, like https://example.gov.uk/dpia",
            "max_length": "Web address must be 500 characters or fewer",
        },
    )
    document = forms.FileField(
        required=False, error_messages={"empty": "The selected file is empty"}
    )
    audit = forms.ChoiceField(
        required=False,
        error_messages={"invalid_choice": "Select one of this proposal's finished audits"},
    )

    def __init__(self, *args: Any, audits: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["audit"]).choices = [("", "Choose an audit"), *audits]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind == "link" and not cleaned.get("url") and "url" not in self.errors:
            self.add_error("url", "Enter the web address of the evidence")
        if kind == "document":
            upload = cleaned.get("document")
            if upload is None and "document" not in self.errors:
                self.add_error("document", "Select a document")
            elif upload is not None:
                try:
                    documents.check_document(upload)
                except documents.DocumentRefusedError as refused:
                    self.add_error("document", str(refused))
        if kind == "audit" and not cleaned.get("audit"):
            self.add_error("audit", "Select a finished audit")
        if kind == "link" and not cleaned.get("title"):
            cleaned["title"] = cleaned.get("url", "")
        return cleaned
