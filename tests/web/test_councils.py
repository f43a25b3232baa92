"""Council settings that protect people: a brand colour white text can be read on."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from coopai.web.councils.models import contrast_with_white, validate_brand_colour


def test_contrast_matches_the_wcag_formula_at_the_extremes() -> None:
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    assert contrast_with_white("#ffffff") == pytest.approx(1.0)
    assert contrast_with_white("#767676") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("colour", ["#1f5c4a", "#4c2c69", "#000000"])
def test_dark_brand_colours_are_accepted(colour: str) -> None:
    validate_brand_colour(colour)


@pytest.mark.parametrize(
    ("colour", "message"),
    [
        ("#ffdd00", "choose a darker colour"),
        ("#88aaff", "contrast of"),
        ("green", "is not a colour like #1f5c4a"),
    ],
)
def test_unreadable_or_malformed_colours_are_refused(colour: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        validate_brand_colour(colour)
