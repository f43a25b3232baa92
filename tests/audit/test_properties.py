"""Properties over generated inputs: row order and duplication change nothing but counts."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopai.audit import BiasMapping, bias_audit

from .conftest import write_csv

MAPPING = BiasMapping(protected=["sex", "band"], prediction="pred", label="outcome")
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

rows = st.lists(
    st.tuples(
        st.sampled_from(["F", "M", "X"]),
        st.sampled_from(["a", "b"]),
        st.integers(0, 1),
        st.integers(0, 1),
    ),
    min_size=1,
    max_size=60,
)


def audit(folder, records):
    folder.mkdir(exist_ok=True)
    path = folder / "outputs.csv"
    write_csv(
        path,
        {
            "sex": [r[0] for r in records],
            "band": [r[1] for r in records],
            "pred": [r[2] for r in records],
            "outcome": [r[3] for r in records],
        },
    )
    return bias_audit(path, mapping=MAPPING)


@SETTINGS
@given(records=rows, seed=st.integers(0, 2**32 - 1))
def test_permuting_rows_changes_nothing(tmp_path, records, seed):
    shuffled = list(records)
    random.Random(seed).shuffle(shuffled)
    assert audit(tmp_path / "a", records) == audit(tmp_path / "b", shuffled)


@SETTINGS
@given(records=rows)
def test_two_copies_double_every_count_and_keep_every_rate(tmp_path, records):
    once = audit(tmp_path / "once", records)
    twice = audit(tmp_path / "twice", records + records)
    assert twice.rows == 2 * once.rows
    pairs = [(once.overall, twice.overall)] + [
        (g1, g2)
        for d1, d2 in zip(once.dimensions, twice.dimensions, strict=True)
        for g1, g2 in zip(d1.groups, d2.groups, strict=True)
    ]
    for single, double in pairs:
        assert single.label == double.label
        assert double.count == 2 * single.count
        assert double.confusion.tp == 2 * single.confusion.tp
        assert double.confusion.tn == 2 * single.confusion.tn
        for name, metric in single.metrics.items():
            assert double.metrics[name].value == metric.value
            assert double.metrics[name].denominator == 2 * metric.denominator
            if metric.value is not None and 0 < metric.value < 1:
                # More evidence for the same rate gives a strictly narrower interval.
                narrower = double.metrics[name].high - double.metrics[name].low
                assert narrower < metric.high - metric.low
