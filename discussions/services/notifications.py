"""Notifications: an on-site entry and an email per recipient, sent by a task after
the write commits.

The notification row is written in the same transaction as the answer or status change
it announces, with its email marked *pending*; the task sends it and marks it *sent*. If
the mail server fails, the answer is already committed and the row stays pending with the
error counted: the task is retried (deferred, when the task backend can defer; and by
`manage.py notifications_retry` from cron) until it is sent or gives up as *failed*
after SERAMBI_NOTIFICATION_EMAIL_MAX_ATTEMPTS attempts.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from forum_site.accounts.models import AsnProfile
from forum_site.core.public_url import absolute_url

from .. import clock
from ..models import (
    EmailStatus,
    Notification,
    NotificationKind,
    NotificationPreference,
    OfficialAnswer,
    Thread,
    ThreadEvent,
    kind_default,
)

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "discussions.notifications.unsubscribe"


# --- who ------------------------------------------------------------------------------


def unit_asn_users(*, unit_id: int) -> list:
    """Active users verified as ASN of the unit: the people a unit's notices go to."""
    profiles = AsnProfile.objects.filter(
        unit_id=unit_id, status=AsnProfile.Status.VERIFIED, user__is_active=True
    ).select_related("user")
    return [profile.user for profile in profiles]


def follower_users(*, thread: Thread) -> list:
    from django.contrib.auth import get_user_model

    return list(
        get_user_model().objects.filter(forum_follows__thread=thread, is_active=True)
    )


# --- write ------------------------------------------------------------------------------


def notify(
    *,
    kind: str,
    thread: Thread | None,
    users: Iterable,
    comment=None,
    answer: OfficialAnswer | None = None,
    event: ThreadEvent | None = None,
    exclude: Iterable = (),
) -> list[Notification]:
    """Create notifications for `users` (minus `exclude`, inactive users and those who
    turned this kind off) and send their emails after commit."""
    excluded = {user.pk for user in exclude if user is not None}
    recipients = {}
    for user in users:
        if user is not None and user.is_active and user.pk not in excluded:
            recipients[user.pk] = user
    if not recipients:
        return []
    preferences = {
        pref.user_id: pref
        for pref in NotificationPreference.objects.filter(user_id__in=recipients, kind=kind)
    }
    rows = []
    for user in recipients.values():
        pref = preferences.get(user.pk)
        email, on_site = (pref.email, pref.on_site) if pref else kind_default(kind)
        if not (email or on_site):
            continue
        rows.append(
            Notification(
                user=user, kind=kind, thread=thread, comment=comment, answer=answer,
                event=event,
                show_on_site=on_site, created_at=clock.now(),
                email_status=EmailStatus.PENDING if email and user.email else EmailStatus.NONE,
            )
        )
    created = Notification.objects.bulk_create(rows)
    pending = [row.pk for row in created if row.email_status == EmailStatus.PENDING]
    if pending:
        transaction.on_commit(lambda: enqueue_emails(pending))
    return created


def enqueue_emails(notification_ids: Iterable[int], *, delay: int | None = None) -> None:
    """Hand the emails to the task backend. An enqueue that fails leaves the rows
    pending for `notifications_retry`; it never fails the request."""
    from ..tasks import send_notification_email

    task = send_notification_email
    if delay and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + dt.timedelta(seconds=delay))
    for pk in notification_ids:
        try:
            task.enqueue(pk)
        except Exception:  # noqa: BLE001 - the row stays pending; the retry command resends
            logger.exception("could not enqueue notification email %s", pk)


# --- send ------------------------------------------------------------------------------


def make_unsubscribe_token(*, user_id: int, kind: str) -> str:
    """A signed, salted reference to (account, kind); no email address or name in it."""
    return signing.dumps([user_id, kind], salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(user id, kind) from a token; raises signing.BadSignature if forged or damaged."""
    try:
        user_id, kind = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (ValueError, TypeError) as exc:
        raise signing.BadSignature("malformed token") from exc
    if not isinstance(user_id, int) or kind not in NotificationKind.values:
        raise signing.BadSignature("malformed token")
    return user_id, kind


def rejection_links() -> dict:
    """Links and contact every rejection email gives (threads and comments): the
    published rules and whom to ask for a review. Absolute, in the active language."""
    return {
        "rules_url": absolute_url(reverse("discussions:moderation_ledger")),
        "contact_email": settings.SERAMBI_CONTACT_EMAIL,
    }


def _rejection_context(event: ThreadEvent) -> dict:
    from ..models import RULE_DESCRIPTIONS, ModerationRule

    rule = (event.data or {}).get("rule", "")
    return {
        **rejection_links(),
        "new_thread_url": absolute_url(reverse("discussions:thread_create")),
        "rule_description": RULE_DESCRIPTIONS.get(ModerationRule(rule), "") if rule else "",
    }


def _page_title(comment) -> str:
    page = comment.content_object if comment is not None else None
    return getattr(page, "title", "") or ""


def build_email(notification: Notification) -> EmailMessage:
    """The email for a notification, in the recipient's language, with a one-click
    unsubscribe link in the body and in List-Unsubscribe (RFC 8058)."""
    user = notification.user
    language = user.preferred_language or settings.LANGUAGE_CODE
    token = make_unsubscribe_token(user_id=user.pk, kind=notification.kind)
    with translation.override(language):
        thread = notification.thread
        comment = notification.comment
        unsubscribe_url = absolute_url(reverse("discussions:unsubscribe", args=[token]))
        context = {
            "notification": notification,
            "kind": notification.kind,
            "kind_label": NotificationKind(notification.kind).label,
            "user": user,
            "thread": thread,
            "answer": notification.answer,
            "event": notification.event,
            "comment": comment,
            "about_title": thread.title if thread is not None else _page_title(comment),
            # A comment's lasting address finds the page of comments that holds it.
            "thread_url": absolute_url(
                reverse("discussions:comment_permalink", args=[comment.pk])
                if comment is not None else thread.get_absolute_url()
            ),
            "survey_url": absolute_url(reverse("discussions:survey_answer", args=[thread.pk]))
            if notification.kind == NotificationKind.SURVEY else "",
            "preferences_url": absolute_url(reverse("discussions:notification_preferences")),
            "unsubscribe_url": unsubscribe_url,
            "office_name": settings.SERAMBI_OFFICE_NAME,
        }
        if notification.event is not None and notification.event.kind == "rejected":
            # The author gets their text back, the rule, and how to post again or ask
            # for a review.
            context.update(_rejection_context(notification.event))
        subject = render_to_string("discussions/email/notification_subject.txt", context)
        body = render_to_string("discussions/email/notification_body.txt", context)
    subject = " ".join(subject.split())[:200]
    return EmailMessage(
        subject=subject,
        body=body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def notification_email_deliver(*, notification_id: int) -> str:
    """Send one pending notification email; record success or the failure. Returns
    "sent", "skipped", "retry" or "failed". Never raises for a mail-server error."""
    max_attempts = settings.SERAMBI_NOTIFICATION_EMAIL_MAX_ATTEMPTS
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user", "thread", "answer", "event", "comment")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.email_status != EmailStatus.PENDING:
            return "skipped"
        pref = NotificationPreference.objects.filter(
            user_id=notification.user_id, kind=notification.kind
        ).first()
        wanted = pref.email if pref is not None else kind_default(notification.kind)[0]
        if not wanted or not notification.user.is_active:
            notification.email_status = EmailStatus.NONE
            notification.save(update_fields=["email_status"])
            return "skipped"
        notification.email_attempts += 1
        try:
            build_email(notification).send(fail_silently=False)
        except Exception as exc:  # noqa: BLE001 - SMTP, DNS, timeouts: count and retry
            notification.email_last_error = f"{type(exc).__name__}"[:200]
            give_up = notification.email_attempts >= max_attempts
            notification.email_status = EmailStatus.FAILED if give_up else EmailStatus.PENDING
            notification.save(
                update_fields=["email_attempts", "email_last_error", "email_status"]
            )
            logger.warning(
                "notification email %s failed (attempt %s): %s",
                notification_id, notification.email_attempts, type(exc).__name__,
            )
            if give_up:
                return "failed"
            delay = settings.SERAMBI_NOTIFICATION_RETRY_DELAY
            transaction.on_commit(lambda: _retry_later(notification_id, delay))
            return "retry"
        notification.email_status = EmailStatus.SENT
        notification.email_sent_at = timezone.now()
        notification.email_last_error = ""
        notification.save(
            update_fields=["email_attempts", "email_status", "email_sent_at", "email_last_error"]
        )
        return "sent"


def _retry_later(notification_id: int, delay: int) -> None:
    """Defer a retry when the backend can; the immediate backend would retry at once
    against the same broken server, so there the retry command does it later."""
    from ..tasks import send_notification_email

    if send_notification_email.get_backend().supports_defer:
        enqueue_emails([notification_id], delay=delay)


def notification_emails_retry(*, now: dt.datetime | None = None) -> int:
    """Re-enqueue pending emails older than the retry delay (failed attempts, or an
    enqueue lost to a crash). Called by `manage.py notifications_retry` and its task."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.SERAMBI_NOTIFICATION_RETRY_DELAY)
    ids = list(
        Notification.objects.filter(email_status=EmailStatus.PENDING, created_at__lt=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:1000]
    )
    enqueue_emails(ids)
    return len(ids)


# --- the recipient's own actions ------------------------------------------------------


@transaction.atomic
def notifications_mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notifications (all, or those listed) as read."""
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        rows = rows.filter(pk__in=list(notification_ids))
    return rows.update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_update(*, user, choices: dict[str, tuple[bool, bool]]) -> None:
    """Save (email, on_site) per kind for the user."""
    if not user.is_authenticated:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    for kind, (email, on_site) in choices.items():
        if kind not in NotificationKind.values:
            continue
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email": bool(email), "on_site": bool(on_site)}
        )


@transaction.atomic
def notification_unsubscribe(*, token: str) -> tuple[int, str]:
    """One-click unsubscribe: turn off emails of one kind for the token's account."""
    from django.contrib.auth import get_user_model

    user_id, kind = read_unsubscribe_token(token)
    if not get_user_model().objects.filter(pk=user_id).exists():
        raise signing.BadSignature("unknown account")
    pref, _created = NotificationPreference.objects.get_or_create(
        user_id=user_id, kind=kind, defaults={"email": False}
    )
    if pref.email:
        pref.email = False
        pref.save(update_fields=["email"])
    Notification.objects.filter(
        user_id=user_id, kind=kind, email_status=EmailStatus.PENDING
    ).update(email_status=EmailStatus.NONE)
    return user_id, kind
