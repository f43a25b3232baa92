import math

import pytest

from coopai.audit.stats import chi_square_goodness_of_fit, samples_for_width, wilson_interval


# Newcombe RG (1998) "Two-sided confidence intervals for the single proportion:
# comparison of seven methods", Statistics in Medicine 17:857-872, Table I, method 3
# (Wilson score interval without continuity correction), given to four decimals.
@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
        (29, 29, 0.8830, 1.0000),
    ],
)
def test_wilson_interval_matches_newcombes_worked_values(successes, trials, low, high):
    interval = wilson_interval(successes, trials)
    assert interval is not None
    assert round(interval.low, 4) == low
    assert round(interval.high, 4) == high


def test_wilson_interval_of_no_trials_is_not_defined():
    assert wilson_interval(0, 0) is None


def test_wilson_interval_refuses_more_successes_than_trials():
    with pytest.raises(ValueError, match="between 0 and trials"):
        wilson_interval(3, 2)


def test_samples_for_width_is_the_smallest_sample_that_is_narrow_enough():
    needed = samples_for_width(0.5, 0.1)
    assert wilson_interval(0.5 * needed, needed).width <= 0.1
    assert wilson_interval(0.5 * (needed - 1), needed - 1).width > 0.1
    # The textbook approximation n = (2 z / w)^2 p (1 - p) gives 384 at p = 0.5.
    assert abs(needed - 384) <= 4


def test_samples_for_width_refuses_a_width_outside_zero_to_one():
    with pytest.raises(ValueError, match="width"):
        samples_for_width(0.2, 1.5)


def test_chi_square_matches_a_hand_computation():
    # Observed 30, 70 against shares 0.5, 0.5: (30-50)^2/50 + (70-50)^2/50 = 16.
    fit = chi_square_goodness_of_fit([30, 70], [0.5, 0.5])
    assert fit.statistic == pytest.approx(16.0)
    assert fit.degrees_of_freedom == 1
    # With one degree of freedom the tail is erfc(sqrt(x / 2)).
    assert fit.p_value == pytest.approx(math.erfc(math.sqrt(8.0)), rel=1e-9)
