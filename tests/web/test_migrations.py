"""Migrations are history: none missing, and ours go down and up again on this database
(SQLite locally, PostgreSQL in CI)."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OUR_APPS = ("councils", "proposals", "evidence", "reviews", "publication")


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


@pytest.mark.django_db(transaction=True)
def test_a_system_published_before_records_existed_gets_a_public_reference() -> None:
    executor = MigrationExecutor(connection)
    before = [n for n in executor.loader.graph.leaf_nodes() if n[0] != "publication"]
    before.append(("publication", "0001_initial"))
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    council = old.get_model("councils", "Council").objects.create(name="Old", slug="old")
    user = old.get_model("auth", "User").objects.create(username="owner")
    proposal = old.get_model("proposals", "Proposal").objects.create(
        council=council,
        owner=user,
        title="Set live in the admin site",
        stage="live",
        framework_version="1.0",
    )
    old.get_model("proposals", "Proposal").objects.create(
        council=council, owner=user, title="A draft", framework_version="1.0"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state().apps
    records = new.get_model("publication", "TransparencyRecord").objects.all()
    assert [(r.proposal_id, len(r.reference)) for r in records] == [(proposal.pk, 10)]
