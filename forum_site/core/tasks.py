"""Background work of the core (django-tasks): sending one outbox email."""

from django_tasks import task


@task()
def send_outbox_email(email_id: int) -> str:
    """Send one email of the outbox; a failure is recorded on the row and retried."""
    from .outbox import deliver

    return deliver(email_id=email_id)
