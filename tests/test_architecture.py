"""The engines stay pure Python: no web framework inside them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "coopai"


@pytest.mark.parametrize("engine", ["framework", "audit", "reports", "transparency"])
def test_engines_do_not_import_django(engine: str) -> None:
    files = sorted((SRC / engine).rglob("*.py"))
    if engine == "framework":
        assert files, "the framework engine has no modules"
    offenders = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "django"]
    assert offenders == []
