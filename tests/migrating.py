"""Helpers for the data-migration tests (django-test-migrations style, with Django's own
executor): move the test database to a migration, make rows with the historical models,
move on, check them. A test using them is transactional (serialized_rollback) and asks for
the `at_latest` fixture (tests/conftest.py), so the database ends at the latest migrations
for the rest of the suite."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(target: list[tuple[str, str]]):
    """Migrate the test database to `target`; the historical apps at that point."""
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    executor.loader.build_graph()
    return executor.loader.project_state(target).apps
