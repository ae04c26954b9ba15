"""Background work for accounts: emails go out through tasks, after commit."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from .models import AsnProfile


@task()
def send_asn_decision_email(profile_id: int) -> None:
    profile = AsnProfile.objects.select_related("user", "unit").get(pk=profile_id)
    user = profile.user
    with translation.override(user.preferred_language):
        context = {"profile": profile, "user": user}
        subject = render_to_string("accounts/email/asn_decision_subject.txt", context).strip()
        body = render_to_string("accounts/email/asn_decision_body.txt", context)
    send_mail(subject, body, None, [user.email])


@task()
def send_asn_official_email_confirmation(profile_id: int) -> None:
    """The link that proves the applicant reads the official mailbox they named. Sent to
    that address (not the account's), in the applicant's language; no NIP."""
    from .services import asn_official_email_token

    profile = AsnProfile.objects.select_related("user", "unit").get(pk=profile_id)
    if profile.status != AsnProfile.Status.AWAITING_EMAIL:
        return
    user = profile.user
    with translation.override(user.preferred_language):
        context = {"profile": profile, "user": user,
                   "token": asn_official_email_token(profile),
                   "days": settings.SERAMBI_ASN_EMAIL_CONFIRM_DAYS}
        subject = render_to_string("accounts/email/asn_confirm_subject.txt", context).strip()
        body = render_to_string("accounts/email/asn_confirm_body.txt", context)
    send_mail(subject, body, None, [profile.official_email])


@task()
def send_asn_request_received_email(profile_id: int) -> None:
    """Tell moderators that a verification request waits (no NIP in the email)."""
    from .selectors import moderator_emails

    profile = AsnProfile.objects.select_related("user", "unit").get(pk=profile_id)
    recipients = moderator_emails()
    if not recipients:
        return
    context = {"profile": profile}
    # Moderators work in the office language, whatever language the applicant used.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/email/asn_request_subject.txt", context).strip()
        body = render_to_string("accounts/email/asn_request_body.txt", context)
    send_mail(subject, body, None, recipients)



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
