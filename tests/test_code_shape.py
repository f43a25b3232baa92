"""The shape the code keeps (STYLE.md): short functions, every type-check silenced for a
stated reason, and comments and docstrings that cite files which exist."""

from __future__ import annotations

import ast
import io
import os
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "coopai"
LONGEST_FUNCTION = 60
# A file named in prose: a path or name with one of the extensions the project keeps.
CITED_FILE = re.compile(r"(?<![\w/.-])((?:[\w-]+/)*[\w-]+\.(?:py|ya?ml|md|json|html|scss|toml))\b")
# Names in prose that stand for a file a user supplies, not a file of this project.
NOT_OURS = {"FILE.yaml"}
# Folders that hold installed or generated files, never walked for the files cited.
NOT_THE_PROJECT = {".git", ".venv", "node_modules", "var", "mutants", ".hypothesis"}


def _modules() -> Iterator[Path]:
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _known_files() -> set[str]:
    """Every file of the checkout, by each of its path's tails (a.py, pkg/a.py, ...)."""
    known: set[str] = set()
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in NOT_THE_PROJECT]
        for name in files:
            parts = (Path(folder) / name).relative_to(ROOT).parts
            known |= {"/".join(parts[i:]) for i in range(len(parts))}
    return known


def _prose(path: Path) -> Iterator[tuple[int, str]]:
    """Every comment and docstring in a module, with its line."""
    text = path.read_text()
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            docstring = ast.get_docstring(node, clean=False)
            if docstring and node.body:
                yield node.body[0].lineno, docstring


def test_no_function_is_longer_than_sixty_lines() -> None:
    long = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length} lines)"
        for path in _modules()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (length := (node.end_lineno or node.lineno) - node.lineno + 1) > LONGEST_FUNCTION
    ]
    assert not long, "Split these functions:\n" + "\n".join(long)


def test_every_type_ignore_says_why() -> None:
    silent = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _modules()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if "type: ignore" in line
        and not re.search(r"type: ignore\[[\w,-]+\]\s+#\s*\S", line)
        and not _reason_above(path, number)
    ]
    assert not silent, "Say why each is needed, in a comment:\n" + "\n".join(silent)


def _reason_above(path: Path, number: int) -> bool:
    """A reason may also be the comment on the line just above."""
    above = path.read_text().splitlines()[number - 2].strip() if number > 1 else ""
    return above.startswith("#")


def test_comments_and_docstrings_cite_files_that_exist() -> None:
    known = _known_files()
    missing = [
        f"{path.relative_to(ROOT)}:{number} cites {name}"
        for path in _modules()
        for number, prose in _prose(path)
        for name in CITED_FILE.findall(prose)
        if name not in known and name not in NOT_OURS and not name.startswith("coopai.")
    ]
    assert not missing, "These files do not exist:\n" + "\n".join(missing)
