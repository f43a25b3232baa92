"""The engines stay pure Python: no web framework inside them, and nothing from coopai.web."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
ENGINES = ["framework", "audit", "reports", "transparency"]
# An engine may import neither Django nor coopai's Django project.
FORBIDDEN = ("django", "coopai.web")


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, root: Path = SRC) -> Iterator[tuple[int, str]]:
    """Each module ``path`` imports, with its line; relative imports made absolute."""
    package = _module_name(path, root)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            anchor = ".".join(base) if node.level else ""
            module = ".".join(part for part in (anchor, node.module or "") if part)
            yield node.lineno, module
            # `from coopai import web` imports coopai.web too.
            yield from ((node.lineno, f"{module}.{alias.name}") for alias in node.names)


def forbidden_imports(files: list[Path], root: Path = SRC) -> list[str]:
    """One line per offending import statement: the file, the line and what it imports."""
    found: dict[tuple[Path, int], str] = {}
    for path in files:
        for line, module in imported_modules(path, root):
            if any(module == name or module.startswith(name + ".") for name in FORBIDDEN):
                found.setdefault((path, line), module)
    return [f"{path.relative_to(root)}:{line}: imports {m}" for (path, line), m in found.items()]


@pytest.mark.parametrize("engine", ENGINES)
def test_engines_import_neither_django_nor_coopai_web(engine: str) -> None:
    files = sorted((SRC / "coopai" / engine).rglob("*.py"))
    assert files, f"the {engine} engine has no modules"
    assert forbidden_imports(files) == []


@pytest.mark.parametrize(
    "line",
    [
        "import django",
        "from django.db import models",
        "import coopai.web.settings",
        "from coopai.web.proposals import services",
        "from coopai import web",
        "from ..web import urls",
        "from .. import web",
    ],
)
def test_the_check_names_the_file_and_line_of_a_forbidden_import(tmp_path: Path, line: str) -> None:
    module = tmp_path / "coopai" / "framework" / "scoring.py"
    module.parent.mkdir(parents=True)
    module.write_text(f'"""An engine module."""\n\n{line}\n')
    found = forbidden_imports([module], root=tmp_path)
    assert len(found) == 1
    assert found[0].startswith("coopai/framework/scoring.py:3: imports ")


@pytest.mark.parametrize(
    "line",
    [
        "import djangoish",
        "from coopai.webhooks import send",
        "from coopai.framework import loader",
        "from . import web_words",
        "from .web import words",
    ],
)
def test_the_check_lets_an_engine_import_its_own_and_lookalike_modules(
    tmp_path: Path, line: str
) -> None:
    module = tmp_path / "coopai" / "framework" / "scoring.py"
    module.parent.mkdir(parents=True)
    module.write_text(f"{line}\n")
    assert forbidden_imports([module], root=tmp_path) == []
