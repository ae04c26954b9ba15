"""Anonymous comments: the signed confirmation link, confirming, purging the never
confirmed, and forgetting their email addresses after the retention period."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from ...models import (
    Comment,
    CommentEmailKind,
    CommentStatus,
)

CONFIRM_SALT = "discussions.comments.confirm"


class ConfirmationError(Exception):
    """A confirmation link that is forged, damaged, expired or already used."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "invalid" | "expired" | "used"


def make_confirmation_token(comment: Comment) -> str:
    """A link token: the comment id and its random nonce, signed with our own salt and
    a time stamp. No name, email or address in it."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(
        [comment.pk, comment.confirmation_nonce]
    )


def _read_confirmation_token(token: str) -> tuple[int, str]:
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    try:
        value = signer.unsign_object(token, max_age=settings.SERAMBI_COMMENT_CONFIRM_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ConfirmationError("expired") from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise ConfirmationError("invalid") from exc
    if (not isinstance(value, list) or len(value) != 2 or not isinstance(value[0], int)
            or not isinstance(value[1], str)):
        raise ConfirmationError("invalid")
    return value[0], value[1]


def confirmation_check(*, token: str) -> Comment:
    """The unconfirmed comment a token points to (ConfirmationError if none)."""
    pk, nonce = _read_confirmation_token(token)
    comment = Comment.objects.filter(pk=pk).first()
    if comment is None:
        raise ConfirmationError("invalid")
    if comment.status != CommentStatus.UNCONFIRMED or not comment.confirmation_nonce:
        raise ConfirmationError("used")
    if not secrets.compare_digest(comment.confirmation_nonce, nonce):
        raise ConfirmationError("invalid")
    return comment


@transaction.atomic
def comment_confirm(*, token: str) -> Comment:
    """The visitor clicked the link: the comment joins the moderation queue. A link
    works once; after that (or when expired or forged) ConfirmationError."""
    comment = confirmation_check(token=token)
    updated = Comment.objects.filter(
        pk=comment.pk, status=CommentStatus.UNCONFIRMED
    ).update(status=CommentStatus.PENDING, confirmation_nonce="", confirmed_at=timezone.now(),
             needs_review=True)
    if not updated:
        raise ConfirmationError("used")
    comment.refresh_from_db()
    return comment


@transaction.atomic
def comments_purge_unconfirmed(*, now: dt.datetime | None = None) -> int:
    """Delete anonymous comments never confirmed within the purge window (they were
    never public; their email address goes with them)."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.SERAMBI_COMMENT_UNCONFIRMED_PURGE_AFTER)
    ids = list(Comment.objects.filter(status=CommentStatus.UNCONFIRMED, submit_date__lt=cutoff)
               .values_list("pk", flat=True))
    for pk in ids:
        Comment.objects.filter(pk=pk).delete()
    if ids:
        from forum_site.core import outbox

        from .emails import EMAIL_KINDS

        outbox.forget(kind=EMAIL_KINDS[CommentEmailKind.CONFIRMATION], object_ids=ids)
    return len(ids)


@transaction.atomic
def anonymous_emails_forget(*, now: dt.datetime | None = None) -> int:
    """Delete the email address of confirmed anonymous comments once their last
    moderation-decision email is SERAMBI_ANONYMOUS_EMAIL_RETENTION_DAYS old (sent, or
    given up after its retries) and none is still waiting to go. The comment stays, under
    the name its author chose; a later decision is no longer emailed. Returns how many."""
    from django.db.models import Exists, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from forum_site.core.models import EmailStatus, OutboxEmail

    from .emails import EMAIL_KINDS

    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.SERAMBI_ANONYMOUS_EMAIL_RETENTION_DAYS)
    decisions = OutboxEmail.objects.filter(kind=EMAIL_KINDS[CommentEmailKind.DECISION],
                                           object_id=OuterRef("pk"))
    last_email = (decisions.annotate(at=Coalesce("sent_at", "created_at"))
                  .order_by("-at").values("at")[:1])
    candidates = (
        Comment.objects.filter(user__isnull=True, confirmed_at__isnull=False)
        .exclude(user_email="")
        .exclude(status=CommentStatus.PENDING)  # a decision is still to be emailed
        .annotate(waiting=Exists(decisions.filter(status=EmailStatus.PENDING)))
        .filter(waiting=False)
        .annotate(last_email=Subquery(last_email))
        .filter(last_email__lt=cutoff)
    )
    ids = list(candidates.values_list("pk", flat=True))
    if ids:
        XtdComment.norel_objects.filter(pk__in=ids).update(user_email="")
        Comment.objects.filter(pk__in=ids).update(email_forgotten_at=now)
    return len(ids)
