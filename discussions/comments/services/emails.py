"""Emails about comments: the confirmation link for anonymous visitors and the
moderation decision for authors. Same pattern as notifications: the row is written with
the comment, a task sends it after commit, a failing mail server leaves it pending with
the attempt counted, and `manage.py comments_maintenance` (cron) re-sends what is left.
A comment is never lost to a mail outage: it waits, unconfirmed, until the email goes."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from forum_site.core.office import current_office
from forum_site.core.public_url import absolute_url

from ...models import (
    RULE_DESCRIPTIONS,
    Comment,
    CommentEmail,
    CommentEmailKind,
    EmailStatus,
    ModerationRule,
)

logger = logging.getLogger(__name__)


def enqueue_comment_emails(email_ids: Iterable[int]) -> None:
    """Hand the emails to the task backend; a failed enqueue leaves them pending."""
    from ...tasks import send_comment_email

    for pk in email_ids:
        try:
            send_comment_email.enqueue(pk)
        except Exception:  # noqa: BLE001 - the row stays pending; the cron command resends
            logger.exception("could not enqueue comment email %s", pk)


def _target_url(comment) -> str:
    if comment.is_public and not comment.is_removed:
        # The lasting address: it finds the page of comments that holds this one.
        return absolute_url(reverse("discussions:comment_permalink", args=[comment.pk]))
    obj = comment.content_object
    if obj is None:
        return absolute_url("/")
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else obj.url
    return absolute_url(url or "/")


def build_comment_email(email: CommentEmail) -> EmailMessage:
    from .confirmation import make_confirmation_token

    comment = email.comment
    with translation.override(email.language or settings.LANGUAGE_CODE):
        context = {
            "kind": email.kind,
            "comment": comment,
            "name": comment.user_name,
            "target_url": _target_url(comment),
            "office_name": current_office().name,
            "rule_label": ModerationRule(comment.moderation_rule).label
            if comment.moderation_rule else "",
            "hours": settings.SERAMBI_COMMENT_CONFIRM_MAX_AGE // 3600,
        }
        if comment.status in ("rejected", "hidden"):
            # The author gets their text back, the rule, how to post again and whom to
            # ask for a review (the same links as a rejected thread's email).
            from ...notifications.services import rejection_links

            context.update(rejection_links())
            context["rule_description"] = (
                RULE_DESCRIPTIONS.get(ModerationRule(comment.moderation_rule), "")
                if comment.moderation_rule else "")
        if email.kind == CommentEmailKind.CONFIRMATION:
            token = make_confirmation_token(comment)
            context["confirm_url"] = absolute_url(
                reverse("discussions:comment_confirm", args=[token])
            )
        subject = render_to_string("discussions/email/comment_subject.txt", context)
        body = render_to_string("discussions/email/comment_body.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split())[:200], body=body, to=[comment.user_email],
        headers={"Auto-Submitted": "auto-generated"},
    )


def comment_email_deliver(*, email_id: int) -> str:
    """Send one pending comment email: "sent", "skipped", "retry" or "failed"."""
    with transaction.atomic():
        email = (
            CommentEmail.objects.select_for_update(of=("self",))
            .select_related("comment").filter(pk=email_id).first()
        )
        if email is None or email.status != EmailStatus.PENDING:
            return "skipped"
        if email.kind == CommentEmailKind.CONFIRMATION and not email.comment.confirmation_nonce:
            email.status = EmailStatus.NONE  # confirmed meanwhile
            email.save(update_fields=["status"])
            return "skipped"
        email.attempts += 1
        try:
            build_comment_email(email).send(fail_silently=False)
        except Exception as exc:  # noqa: BLE001 - SMTP, DNS, timeouts: count and retry
            email.last_error = type(exc).__name__[:200]
            give_up = email.attempts >= settings.SERAMBI_COMMENT_EMAIL_MAX_ATTEMPTS
            email.status = EmailStatus.FAILED if give_up else EmailStatus.PENDING
            email.save(update_fields=["attempts", "last_error", "status"])
            logger.warning("comment email %s failed (attempt %s): %s",
                           email_id, email.attempts, type(exc).__name__)
            return "failed" if give_up else "retry"
        email.status, email.sent_at, email.last_error = EmailStatus.SENT, timezone.now(), ""
        email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return "sent"


def comment_emails_retry(*, now: dt.datetime | None = None) -> int:
    """Re-send pending comment emails older than the retry delay (cron)."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.SERAMBI_COMMENT_EMAIL_RETRY_DELAY)
    ids = list(
        CommentEmail.objects.filter(status=EmailStatus.PENDING, created_at__lt=cutoff)
        .order_by("created_at").values_list("pk", flat=True)[:1000]
    )
    enqueue_comment_emails(ids)
    return len(ids)


def queue_comment_email(*, comment: Comment, kind: str, language: str = "") -> CommentEmail | None:
    """Write the email row now; send it after commit (a failing mail server leaves it
    pending for the retry)."""
    if not comment.user_email:
        return None
    email = CommentEmail.objects.create(comment=comment, kind=kind,
                                        language=language or settings.LANGUAGE_CODE)
    transaction.on_commit(lambda: enqueue_comment_emails([email.pk]))
    return email
