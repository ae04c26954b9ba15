"""Background work for the forum (django-tasks): notification emails, the SLA clock
and the email retry sweep. Enqueued after commit; the database backend runs them with
`manage.py db_worker` in production, the immediate backend in development and tests."""

from __future__ import annotations

from django_tasks import task


@task()
def send_notification_email(notification_id: int) -> str:
    """Send one notification email; failures are recorded on the row and retried."""
    from .notifications.services import notification_email_deliver

    return notification_email_deliver(notification_id=notification_id)


@task()
def sla_tick_task() -> str:
    """The periodic deadline check (same as `manage.py sla_tick`)."""
    from .threads.sla import sla_tick

    return str(sla_tick())


@task()
def notifications_retry_task() -> int:
    """Re-send pending notification emails (same as `manage.py notifications_retry`)."""
    from .notifications.services import notification_emails_retry

    return notification_emails_retry()


@task()
def send_comment_email(email_id: int) -> str:
    """Send one comment email (confirmation or decision); failures stay pending."""
    from .comments.services.emails import comment_email_deliver

    return comment_email_deliver(email_id=email_id)


@task()
def comments_maintenance_task() -> str:
    """Re-send pending comment emails and purge unconfirmed comments (same as
    `manage.py comments_maintenance`)."""
    from .comments.services import comments_purge_unconfirmed
    from .comments.services.emails import comment_emails_retry

    return f"retried={comment_emails_retry()} purged={comments_purge_unconfirmed()}"
