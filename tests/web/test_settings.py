"""Production refuses to start with settings that are only safe on a developer's machine."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CHECK = "import django; django.setup(); print('started')"


# Starts Django as on a machine where the PostgreSQL driver (the postgres extra) was not
# installed: a finder refuses to import psycopg, as Python would if it were absent.
WITHOUT_PSYCOPG = (
    "import sys, importlib.abc\n"
    "class Absent(importlib.abc.MetaPathFinder):\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name.split('.')[0] == 'psycopg': raise ModuleNotFoundError(name)\n"
    "sys.meta_path.insert(0, Absent())\n" + CHECK
)


def start(code: str = CHECK, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("COOPAI_")}
    environment.pop("DATABASE_URL", None)
    environment |= {"DJANGO_SETTINGS_MODULE": "coopai.web.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=False
    )


def test_development_needs_nothing_set() -> None:
    result = start()
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"COOPAI_DEBUG": "1"}, "COOPAI_DEBUG is on in production"),
        ({}, "Set COOPAI_SECRET_KEY"),
        ({"COOPAI_DEBUG": "0", "COOPAI_SECRET_KEY": "x" * 50}, "Production uses PostgreSQL"),
    ],
)
def test_production_refuses_unsafe_settings(env: dict[str, str], complaint: str) -> None:
    result = start(COOPAI_ENV="production", **env)
    assert result.returncode != 0
    assert complaint in result.stderr


def test_production_starts_when_configured() -> None:
    result = start(
        COOPAI_ENV="production",
        COOPAI_DEBUG="0",
        COOPAI_SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://coopai:secret@127.0.0.1:5432/coopai",
    )
    assert result.returncode == 0, result.stderr


def test_postgresql_without_its_driver_names_the_extra_to_install() -> None:
    result = start(WITHOUT_PSYCOPG, DATABASE_URL="postgres://coopai:secret@127.0.0.1:5432/coopai")
    assert result.returncode != 0
    assert "pip install 'coopai[postgres]'" in result.stderr


def test_sqlite_starts_without_the_postgresql_driver() -> None:
    result = start(WITHOUT_PSYCOPG)
    assert result.returncode == 0, result.stderr
