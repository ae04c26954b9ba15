"""Index writes, run after commit (django-tasks: immediate in development and tests, the
database backend with `manage.py db_worker` in production)."""

from __future__ import annotations

from django_tasks import task


@task()
def index_records_task(record_type: str, ids: list[int]) -> str:
    """Bring `ids` of `record_type` in line with the database in every engine."""
    from .services import index_records

    return str(index_records(record_type=record_type, ids=ids))
