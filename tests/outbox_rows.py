"""Reading the site's one email outbox (forum_site/core/outbox.py) from tests: the row
behind a notification's or a comment's email."""

from forum_site.core.models import EmailStatus, OutboxEmail


def notification_email(notification) -> OutboxEmail | None:
    return OutboxEmail.objects.filter(kind="notification", object_id=notification.pk).first()


def notification_email_status(notification) -> str:
    """The email's state; "none" when no email was ever to be sent."""
    row = notification_email(notification)
    return row.status if row is not None else EmailStatus.NONE


def notification_emails(notifications):
    return OutboxEmail.objects.filter(
        kind="notification", object_id__in=[n.pk for n in notifications])


def comment_emails(comment=None, *, kind: str | None = None):
    """The outbox rows of comment emails (kind "confirmation" or "decision")."""
    rows = OutboxEmail.objects.filter(kind__in=["comment_confirmation", "comment_decision"])
    if comment is not None:
        rows = rows.filter(object_id=comment.pk)
    if kind is not None:
        rows = rows.filter(kind=f"comment_{kind}")
    return rows
