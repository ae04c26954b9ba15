"""Emails about comments: the confirmation link for anonymous visitors and the
moderation decision for authors. Both go through the site's one outbox
(`forum_site/core/outbox.py`, kinds `comment_confirmation` and `comment_decision`): the
row is written with the comment, sent after commit, retried while the mail server is
down. A comment is never lost to a mail outage: it waits, unconfirmed, until the email
goes. The builders below are what the outbox asks for when it sends one."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from forum_site.core import outbox
from forum_site.core.office import current_office
from forum_site.core.public_url import absolute_url

from ...models import RULE_DESCRIPTIONS, Comment, CommentEmailKind, ModerationRule

# The outbox kind of each comment email.
EMAIL_KINDS = {
    CommentEmailKind.CONFIRMATION: "comment_confirmation",
    CommentEmailKind.DECISION: "comment_decision",
}


def _target_url(comment) -> str:
    if comment.is_public and not comment.is_removed:
        # The lasting address: it finds the page of comments that holds this one.
        return absolute_url(reverse("discussions:comment_permalink", args=[comment.pk]))
    obj = comment.content_object
    if obj is None:
        return absolute_url("/")
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else obj.url
    return absolute_url(url or "/")


def build_comment_confirmation(row) -> outbox.Envelope | None:
    """The confirmation link, unless the comment was confirmed (or purged) meanwhile."""
    comment = Comment.objects.filter(pk=row.object_id).first()
    if comment is None or not comment.confirmation_nonce:
        return None
    return _envelope(comment, CommentEmailKind.CONFIRMATION, row.language)


def build_comment_decision(row) -> outbox.Envelope | None:
    """The moderation decision, to the author's address while it is kept."""
    comment = Comment.objects.filter(pk=row.object_id).first()
    if comment is None:
        return None
    return _envelope(comment, CommentEmailKind.DECISION, row.language)


def _envelope(comment: Comment, kind: str, language: str) -> outbox.Envelope | None:
    from .confirmation import make_confirmation_token

    if not comment.user_email:
        return None  # forgotten after the retention period
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "kind": kind,
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
        if kind == CommentEmailKind.CONFIRMATION:
            token = make_confirmation_token(comment)
            context["confirm_url"] = absolute_url(
                reverse("discussions:comment_confirm", args=[token])
            )
    return outbox.Envelope(to=[comment.user_email], template="discussions/email/comment",
                           context=context, language=language)


def queue_comment_email(*, comment: Comment, kind: str, language: str = "") -> None:
    """Queue the email in the outbox now; it is sent after commit (a failing mail server
    leaves it pending for the retry)."""
    if not comment.user_email:
        return
    outbox.queue(kind=EMAIL_KINDS[kind], object_id=comment.pk,
                 language=language or settings.LANGUAGE_CODE)
