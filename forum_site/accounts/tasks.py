"""Background work for accounts: allauth's emails, sent after commit. The ASN emails go
through the site's one outbox (accounts/emails.py)."""

from django_tasks import task


@task()
def send_account_email(
    *, kind: str, subject: str, body: str, from_email: str, to: list[str],
    html: str | None = None,
) -> None:
    """An allauth email (confirmation, "you already have an account", password reset),
    rendered during the request and sent here, after commit: the request takes the same
    time whether or not the address has an account (issue 15, finding 5). A failure is
    logged (template name and error class only) and raised, so the task is marked failed."""
    import logging

    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception as exc:
        logging.getLogger(__name__).warning(
            "account email %s not sent: %s", kind, type(exc).__name__
        )
        raise
