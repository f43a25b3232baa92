"""Small statistics used by the audits: Wilson intervals, sample sizes, fit tests."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from statistics import NormalDist

CONFIDENCE = 0.95


@cache
def z_for(confidence: float = CONFIDENCE) -> float:
    """The two-sided standard normal quantile for ``confidence`` (1.959964 for 95%)."""
    return NormalDist().inv_cdf(0.5 + confidence / 2)


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high


def wilson_interval(
    successes: float, trials: float, confidence: float = CONFIDENCE
) -> Interval | None:
    """Wilson's score interval for a binomial proportion, without continuity correction.

    Returns None when there are no trials: a proportion of nothing is not defined.
    ``successes`` may be fractional so that sample-size planning can hold the observed
    proportion fixed while ``trials`` grows.
    """
    if trials <= 0:
        return None
    if not 0 <= successes <= trials:
        raise ValueError(f"successes {successes} must lie between 0 and trials {trials}")
    z = z_for(confidence)
    p = successes / trials
    z2_over_n = z * z / trials
    centre = (p + z2_over_n / 2) / (1 + z2_over_n)
    half = (z / (1 + z2_over_n)) * math.sqrt(p * (1 - p) / trials + z2_over_n / (4 * trials))
    # Clamp rounding noise at the ends (p = 0 or 1 give exactly 0 or 1 in exact arithmetic).
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


def samples_for_width(
    proportion: float, width: float, confidence: float = CONFIDENCE, ceiling: int = 10**9
) -> int:
    """The smallest sample size whose Wilson interval at ``proportion`` is at most ``width``.

    The interval narrows monotonically as the sample grows with the proportion held
    fixed, so a doubling search followed by bisection finds the exact threshold.
    """
    if not 0 < width < 1:
        raise ValueError(f"interval width must be between 0 and 1, not {width}")
    if not 0 <= proportion <= 1:
        raise ValueError(f"proportion must be between 0 and 1, not {proportion}")

    def narrow_enough(n: int) -> bool:
        interval = wilson_interval(proportion * n, n, confidence)
        return interval is not None and interval.width <= width

    high = 1
    while not narrow_enough(high):
        high *= 2
        if high > ceiling:
            return ceiling
    low = high // 2
    while high - low > 1:
        middle = (low + high) // 2
        if narrow_enough(middle):
            high = middle
        else:
            low = middle
    return high


@dataclass(frozen=True)
class FitTest:
    statistic: float
    degrees_of_freedom: int
    p_value: float


def chi_square_goodness_of_fit(
    observed: Sequence[int], expected_shares: Sequence[float]
) -> FitTest:
    """Pearson's chi-square test of observed counts against expected shares (summing to 1)."""
    if len(observed) != len(expected_shares) or len(observed) < 2:
        raise ValueError("need at least two categories with one expected share each")
    # Imported here: scipy takes over a second to import and only this test needs it.
    from scipy import stats as scipy_stats  # type: ignore[import-untyped]  # no stubs

    total = sum(observed)
    expected = [share * total for share in expected_shares]
    result = scipy_stats.chisquare(f_obs=list(observed), f_exp=expected)
    return FitTest(
        statistic=float(result.statistic),
        degrees_of_freedom=len(observed) - 1,
        p_value=float(result.pvalue),
    )
