"""Summarise the last mutation run as the tables in docs/development.md, "Mutation testing".

    PYTHONPATH= .venv/bin/python docs/mutation_summary.py

Run from the repository's root after `make mutation` (which runs it too). It reads what
mutmut stored in mutants/ and prints two Markdown tables: each module's mutants by
outcome with its score (killed and timed out over every mutant a test reached), and the
survivors by the kind of change mutmut made, sorted by the changed line's text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from mutmut.mutation.data import SourceFileMutationData
from mutmut.mutation.diff_apply import get_diff_for_mutant
from mutmut.stats import status_by_exit_code
from mutmut.utils.file_utils import walk_mutatable_files

OUTCOMES = ("killed", "timeout", "survived", "no tests")
# A mutant's name is its module, then ".x_" (a function) or ".xǁ" (a method).
MODULE_END = re.compile(r"\.x_|\.xǁ")
COMPARISON = re.compile(r"<=|>=|==|!=|(?<![-=<>])[<>](?![=<>])|\bis not\b|\bnot in\b|\bin\b|\bis\b")
LOGIC = re.compile(r"\b(?:and|or|not|True|False)\b")


def outcomes() -> dict[str, tuple[str, Path | str]]:
    """Every mutant's name, with its outcome and the source file it mutates."""
    found = {}
    for path in walk_mutatable_files():
        data = SourceFileMutationData(path=path)
        data.load()
        for name, code in data.exit_code_by_key.items():
            found[name] = (status_by_exit_code[code], data.path)
    return found


def kind(diff: str) -> str:
    """What a mutant changed, judged from the lines its diff removes and adds."""
    old = " ".join(line[1:] for line in diff.splitlines() if line[:1] == "-" and line[:3] != "---")
    new = " ".join(line[1:] for line in diff.splitlines() if line[:1] == "+" and line[:3] != "+++")
    if (
        "XX" in new
        or ".upper()" in new
        or ".lower()" in new
        or (old != new and old.lower() == new.lower())
    ):
        return "wording"
    same_rest = re.sub(r"\s", "", COMPARISON.sub("", old)) == re.sub(
        r"\s", "", COMPARISON.sub("", new)
    )
    if COMPARISON.findall(old) != COMPARISON.findall(new) and same_rest:
        return "comparison"
    if LOGIC.findall(old) != LOGIC.findall(new):
        return "boolean logic"
    if ("None" in new and "None" not in old) or new.count(",") < old.count(","):
        return "a value replaced by None, or an argument dropped"
    if len(new) < len(old) and new.replace(" ", "") in old.replace(" ", ""):
        return "a value replaced by None, or an argument dropped"
    if re.search(r"\d", old + new):
        return "numbers and arithmetic"
    return "other"


def score(counts: Counter[str]) -> str:
    reached = counts["killed"] + counts["timeout"] + counts["survived"]
    return f"{100 * (counts['killed'] + counts['timeout']) / reached:.1f}%" if reached else "\u2013"


def main() -> None:
    found = outcomes()
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    for name, (outcome, _) in found.items():
        by_module[MODULE_END.split(name)[0]][outcome] += 1
    print("| module | mutants | " + " | ".join(OUTCOMES) + " | score |")
    print("| ------ | ------: | " + " | ".join("-------:" for _ in OUTCOMES) + " | ----: |")
    total: Counter[str] = Counter()
    for module in sorted(by_module):
        counts = by_module[module]
        total.update(counts)
        cells = " | ".join(f"{counts[o]:,}" for o in OUTCOMES)
        shown = module.removeprefix("coopai.").replace(".", "/")
        print(f"| `{shown}.py` | {sum(counts.values()):,} | {cells} | {score(counts)} |")
    cells = " | ".join(f"{total[o]:,}" for o in OUTCOMES)
    print(f"| all | {sum(total.values()):,} | {cells} | {score(total)} |")
    kinds = Counter(
        kind(get_diff_for_mutant(name, path=path))
        for name, (outcome, path) in found.items()
        if outcome == "survived"
    )
    print("\n| kind | survivors |\n| ---- | --------: |")
    for name, count in kinds.most_common():
        print(f"| {name} | {count:,} |")


if __name__ == "__main__":
    main()
