"""Benchmark the bias audit against aequitas, fairlearn and a hand-written DuckDB floor.

Usage (from the repository root):

    .venv/bin/python bench/audit_bench.py --rows 1000000 10000000

Each contender runs in its own Python process, so every figure includes that tool's
imports and its reading of the Parquet file, and its peak memory (ru_maxrss) is its
own. Results go to stdout as a Markdown table. This is a benchmark, never a test.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

CHARACTERISTICS = ["sex", "age_band", "ethnicity", "disability"]
CONTENDERS = ["floor", "coopai", "aequitas", "fairlearn"]


def generate(rows: int, folder: Path) -> Path:
    """Synthetic outputs: score, label, prediction and four characteristics (3, 6, 5, 2)."""
    import duckdb

    path = folder / f"outputs-{rows}.parquet"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect()
    connection.execute("SELECT setseed(0.42)")
    connection.execute(
        f"""
        COPY (
          SELECT
            score,
            CASE WHEN score >= 0.7 THEN 1 ELSE 0 END AS prediction,
            CASE WHEN random() < 0.15 + 0.6 * score THEN 1 ELSE 0 END AS label,
            ['F', 'M', 'X'][1 + (r1 >= 0.49)::INT + (r1 >= 0.98)::INT] AS sex,
            ['16-24', '25-34', '35-44', '45-54', '55-64', '65+'][1 + floor(r2 * 6)::INT]
              AS age_band,
            ['Asian', 'Black', 'Mixed', 'White', 'Other'][1 + floor(r3 * 5)::INT] AS ethnicity,
            ['yes', 'no'][1 + (r4 >= 0.18)::INT] AS disability
          FROM (
            SELECT random() AS score, random() AS r1, random() AS r2, random() AS r3,
              random() AS r4
            FROM range({rows})
          )
        ) TO '{path}' (FORMAT parquet)
        """
    )
    return path


def run_floor(path: Path) -> None:
    """The confusion-matrix counts alone, for the same groupings, in one DuckDB query."""
    import duckdb

    sets = ", ".join(f"({c}, prediction, label)" for c in CHARACTERISTICS)
    crossed = ", ".join(CHARACTERISTICS)
    duckdb.connect().execute(
        f"SELECT {crossed}, prediction, label, count(*) FROM read_parquet('{path}') "
        f"GROUP BY GROUPING SETS ({sets}, ({crossed}, prediction, label), (prediction, label))"
    ).fetchall()


def run_coopai(path: Path) -> None:
    from coopai.audit import BiasMapping, bias_audit

    mapping = BiasMapping(protected=CHARACTERISTICS, prediction="prediction", label="label")
    result = bias_audit(path, mapping=mapping)
    assert len(result.dimensions) == len(CHARACTERISTICS) + 1


def run_aequitas(path: Path) -> None:
    import pandas as pd
    from aequitas.bias import Bias
    from aequitas.fairness import Fairness
    from aequitas.group import Group

    frame = pd.read_parquet(path, columns=["prediction", "label", *CHARACTERISTICS])
    frame = frame.rename(columns={"prediction": "score", "label": "label_value"})
    crosstab, _ = Group().get_crosstabs(frame, attr_cols=CHARACTERISTICS)
    disparities = Bias().get_disparity_major_group(crosstab, original_df=frame)
    Fairness().get_group_value_fairness(disparities)


def run_fairlearn(path: Path) -> None:
    import pandas as pd
    from fairlearn.metrics import (
        MetricFrame,
        count,
        false_positive_rate,
        selection_rate,
        true_positive_rate,
    )
    from sklearn.metrics import precision_score

    frame = pd.read_parquet(path, columns=["prediction", "label", *CHARACTERISTICS])
    metrics = {
        "count": count,
        "selection_rate": selection_rate,
        "tpr": true_positive_rate,
        "fpr": false_positive_rate,
        "precision": precision_score,
    }
    tables = [
        MetricFrame(
            metrics=metrics,
            y_true=frame["label"],
            y_pred=frame["prediction"],
            sensitive_features=frame[characteristic],
        ).by_group
        for characteristic in CHARACTERISTICS
    ]
    assert len(tables) == len(CHARACTERISTICS)


RUNNERS = {
    "floor": run_floor,
    "coopai": run_coopai,
    "aequitas": run_aequitas,
    "fairlearn": run_fairlearn,
}


def child(name: str, path: Path) -> None:
    start = time.perf_counter()
    RUNNERS[name](path)
    work = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"work_seconds": work, "peak_mib": peak_kib / 1024}))


def measure(name: str, path: Path) -> dict[str, float]:
    start = time.perf_counter()
    finished = subprocess.run(
        [sys.executable, __file__, "--child", name, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, float] = json.loads(finished.stdout.strip().splitlines()[-1])
    figures["total_seconds"] = time.perf_counter() - start
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--data", type=Path, default=Path("/tmp/coopai-bench"))
    parser.add_argument("--only", nargs="+", choices=CONTENDERS, default=CONTENDERS)
    parser.add_argument("--child", nargs=2, metavar=("NAME", "FILE"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child(arguments.child[0], Path(arguments.child[1]))
        return
    print("| rows | tool | total s | work s | peak MiB | total vs floor | memory vs floor |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for rows in arguments.rows:
        path = generate(rows, arguments.data)
        results = {name: measure(name, path) for name in arguments.only}
        floor = results.get("floor")
        for name, figures in results.items():
            versus = (
                f"{figures['total_seconds'] / floor['total_seconds']:.2f}x | "
                f"{figures['peak_mib'] / floor['peak_mib']:.2f}x"
                if floor
                else "- | -"
            )
            print(
                f"| {rows:,} | {name} | {figures['total_seconds']:.2f} | "
                f"{figures['work_seconds']:.2f} | {figures['peak_mib']:.0f} | {versus} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
