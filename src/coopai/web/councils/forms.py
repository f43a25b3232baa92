"""A council's settings: how proposals are decided, what it publishes, and its
accessibility statement."""

from __future__ import annotations

from typing import Any

from django import forms

from coopai.framework.review import MAX_QUORUM
from coopai.transparency import load_standard
from coopai.web.councils.models import AccessibilityStatement, Council


def region_choices() -> list[tuple[str, str]]:
    """The regions of the transparency standard, so the council's is a valid one."""
    field = load_standard().field_by_id["region"]
    return [("", "Not chosen")] + [(c, c) for c in field.choices]


class CouncilSettingsForm(forms.ModelForm[Council]):
    rule = forms.ChoiceField(
        choices=[("single", "One reviewer decides"), ("board", "A board decides")],
        error_messages={"required": "Select how proposals are decided"},
    )
    quorum = forms.IntegerField(
        required=False,
        min_value=2,
        max_value=MAX_QUORUM,
        error_messages={
            "invalid": "Enter the number of votes as a whole number, like 3",
            "min_value": "A board needs at least 2 votes; choose one reviewer otherwise",
            "max_value": f"A board needs {MAX_QUORUM} votes or fewer",
        },
    )
    region = forms.ChoiceField(
        required=False,
        choices=region_choices,
        error_messages={"invalid_choice": "Select a region from the list"},
    )
    website = forms.URLField(
        required=False,
        max_length=300,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://www.council.gov.uk"},
    )

    class Meta:
        model = Council
        fields = ["region", "website", "contact_email"]
        error_messages = {
            "contact_email": {"invalid": "Enter an email address, like ai@council.gov.uk"},
        }

    def __init__(self, *args: Any, reviewers: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reviewers = reviewers
        council = self.instance
        if not self.is_bound:
            self.initial["rule"] = "board" if council.review_quorum > 1 else "single"
            self.initial["quorum"] = council.review_quorum if council.review_quorum > 1 else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        board = cleaned.get("rule") == "board"
        quorum = cleaned.get("quorum")
        if board and not quorum and "quorum" not in self.errors:
            self.add_error("quorum", "Enter how many approving votes a board needs, like 3")
        elif board and quorum and quorum > self.reviewers:
            self.add_error(
                "quorum",
                f"Only {self.reviewers} people in the council can review now, so a board of "
                f"{quorum} could never decide: add reviewers first, or choose {self.reviewers} "
                "or fewer",
            )
        cleaned["review_quorum"] = (cleaned.get("quorum") or 1) if board else 1
        return cleaned


class AccessibilityStatementForm(forms.ModelForm[AccessibilityStatement]):
    class Meta:
        model = AccessibilityStatement
        fields = [
            "compliance_status",
            "non_compliance",
            "disproportionate_burden",
            "out_of_scope",
            "contact_email",
            "contact_phone",
            "response_days",
            "testing",
            "prepared_on",
            "reviewed_on",
        ]
        error_messages = {
            **{
                name: {"max_length": f"{label} must be 5,000 characters or fewer"}
                for name, label in [
                    ("non_compliance", "Non-compliance"),
                    ("disproportionate_burden", "Disproportionate burden"),
                    ("out_of_scope", "Content out of scope"),
                    ("testing", "How the service was tested"),
                ]
            },
            "compliance_status": {"invalid_choice": "Select a compliance status from the list"},
            "contact_phone": {"max_length": "Phone number must be 40 characters or fewer"},
            "contact_email": {"invalid": "Enter an email address, like access@council.gov.uk"},
            "prepared_on": {"invalid": "Enter a real date, like 2026-11-27"},
            "reviewed_on": {"invalid": "Enter a real date, like 2026-11-27"},
            "response_days": {
                "invalid": "Enter a number of working days, like 10",
                "min_value": "Enter at least 1 working day",
                "max_value": "Enter 60 working days or fewer",
            },
        }
