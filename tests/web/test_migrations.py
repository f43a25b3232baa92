"""Migrations are history: none missing, and ours go down and up again on this database
(SQLite locally, PostgreSQL in CI)."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OUR_APPS = ("councils", "proposals", "evidence")


def test_no_model_change_lacks_a_migration(db: Any) -> None:
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_our_migrations_go_down_to_zero_and_back_up() -> None:
    for app in reversed(OUR_APPS):
        call_command("migrate", app, "zero", verbosity=0)
    tables = connection.introspection.table_names()
    assert not [t for t in tables if t.startswith(tuple(f"{app}_" for app in OUR_APPS))]
    call_command("migrate", verbosity=0)
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert "proposals_answer" in connection.introspection.table_names()
