"""Background work for the forum (django-tasks): the SLA clock. Emails go through the
site's one outbox (forum_site/core/outbox.py, task `send_outbox_email`). Enqueued after
commit; the database backend runs them with `manage.py db_worker` in production, the
immediate backend in development and tests."""

from __future__ import annotations

from django_tasks import task


@task()
def sla_tick_task() -> str:
    """The periodic deadline check (same as `manage.py sla_tick`)."""
    from .threads.sla import sla_tick

    return str(sla_tick())


@task()
def comments_maintenance_task() -> str:
    """Purge unconfirmed comments and forget anonymous addresses past their retention
    (same as `manage.py comments_maintenance`)."""
    from .comments.services import anonymous_emails_forget, comments_purge_unconfirmed

    return f"purged={comments_purge_unconfirmed()} forgotten={anonymous_emails_forget()}"
