"""Plain sentences from a bias audit's numbers: who, which way, how much, and whether
chance could explain it.

"Men were selected about twice as often as Women (48% against 24%); the difference is
larger than chance would explain." Each metric has a sentence of its own, saying what it
counts in everyday words; the size is "about N times as often" when one rate is at
least half as large again as the other, and a difference in percentage points when it
is nearer. Whether chance explains it is the audit's own decision
(:attr:`~coopai.audit.results.Disparity.clear_of_chance` and ``flagged``); nothing here
tests anything again.
"""

from __future__ import annotations

import math

from coopai.audit.names import capitalised
from coopai.audit.results import Disparity

TIMES_FROM = 1.5
"""A ratio at least this far from 1, either way, is said as "N times" or "a third as"."""

HOW_OFTEN: dict[str, str] = {
    "selection_rate": "{group} were selected {size} {reference}",
    "base_rate": "{group} had the outcome {size} {reference}",
    "accuracy": "the AI was right about {group} {size} about {reference}",
    "tpr": "among people with the outcome, {group} were selected {size} {reference}",
    "fnr": "among people with the outcome, {group} were missed {size} {reference}",
    "fpr": "among people without the outcome, {group} were wrongly selected {size} {reference}",
    "tnr": "among people without the outcome, {group} were rightly not selected {size} {reference}",
    "precision": "selections of {group} were right {size} selections of {reference}",
    "fdr": "selections of {group} were wrong {size} selections of {reference}",
    "npv": "decisions not to select {group} were right {size} those for {reference}",
    "for": "among people not selected, {group} should have been selected {size} {reference}",
}
"""What each metric counts, as a sentence comparing two groups; ``size`` ends in "as" or
"than", so that the reference group follows it."""

_HALVES = {
    1.5: "one and a half times",
    2.0: "twice",
    2.5: "two and a half times",
    3.0: "three times",
    3.5: "three and a half times",
    4.0: "four times",
    4.5: "four and a half times",
    5.0: "five times",
}
_FRACTIONS = {
    2 / 3: "two thirds",
    1 / 2: "half",
    2 / 5: "two fifths",
    1 / 3: "a third",
    1 / 4: "a quarter",
    1 / 5: "a fifth",
    1 / 6: "a sixth",
    1 / 8: "an eighth",
    1 / 10: "a tenth",
}


def times(ratio: float) -> str:
    """A ratio of 1.5 or more in words, to the nearest half up to five: "twice"."""
    if ratio < 5.25:
        return _HALVES[max(1.5, round(ratio * 2) / 2)]
    return f"{round(ratio)} times"


def fraction(ratio: float) -> str:
    """A ratio of two thirds or less as the nearest simple fraction: "about a third"."""
    if ratio < 0.075:
        return "less than a tenth"
    nearest = min(_FRACTIONS, key=lambda share: abs(math.log(ratio / share)))
    return f"about {_FRACTIONS[nearest]}"


def size(ours: float, theirs: float) -> str:
    """How ``ours`` compares with ``theirs``, ending so that the other group can follow:
    "about twice as often as", "about a third as often as", "7 points less often than"."""
    if ours > 0 and theirs > 0:
        ratio = ours / theirs
        if ratio >= TIMES_FROM:
            return f"about {times(ratio)} as often as"
        if ratio <= 1 / TIMES_FROM:
            return f"{fraction(ratio)} as often as"
    points = round((ours - theirs) * 100)
    if points == 0:
        return "about as often as"
    more = "more" if points > 0 else "less"
    return f"{abs(points)} percentage point{'s' if abs(points) != 1 else ''} {more} often than"


def percent(value: float) -> str:
    """A rate as people write it: "48%", or "0.4%" below one per cent."""
    return f"{value:.1%}" if 0 < value < 0.01 else f"{value:.0%}"


def pair(ours: float, theirs: float) -> str:
    """ "48% against 24%", with a decimal when whole numbers would hide the difference."""
    if ours != theirs and percent(ours) == percent(theirs):
        return f"{ours:.1%} against {theirs:.1%}"
    return f"{percent(ours)} against {percent(theirs)}"


def chance(disparity: Disparity, too_few: bool) -> str:
    """Whether chance explains a difference, as the audit decided it."""
    if disparity.flagged:
        return "the difference is larger than chance would explain"
    if too_few:
        return "there are too few people to tell whether the difference is more than chance"
    if disparity.clear_of_chance:
        return "the difference is larger than chance would explain, but too small to flag"
    return "a difference this size could be chance"


def comparison(
    metric: str,
    group: str,
    reference: str,
    values: tuple[float | None, float | None],
    verdict: str,
    limit: int,
    *,
    opens: bool = True,
) -> str:
    """One group against another on ``metric``, with its figures and ``verdict`` on chance.

    ``values`` is (the group's rate, the reference's); either is None where publication
    withholds it, and then the sentence says so instead of giving it. Only a flagged
    difference is ever said without both figures, so it is "a different rate". Unless it
    ``opens`` a sentence, it does not start with a capital.
    """
    ours, theirs = values
    if ours is not None and theirs is not None:
        how, figures = size(ours, theirs), f" ({pair(ours, theirs)})"
    else:
        how = "at a different rate from"
        shown = [percent(value) for value in values if value is not None]
        figures = (
            f" ({shown[0]}, against a figure withheld for publication, as a count under {limit} "
            "could be worked out from it)"
            if shown
            else f" (both figures withheld for publication, as a count under {limit} could be "
            "worked out from them)"
        )
    opening = HOW_OFTEN[metric].format(group=group, size=how, reference=reference)
    return f"{capitalised(opening) if opens else opening}{figures}; {verdict}."
