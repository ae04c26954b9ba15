"""The author's own changes to a comment (edit within the window, delete) and likes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment

from forum_site.core import ratelimit

from ...models import (
    Comment,
    CommentReaction,
    CommentRevision,
    ItemKind,
    ModerationAction,
    ModerationLedgerEntry,
)
from ...permissions import (
    check_can_react_to_comment,
    check_is_comment_author,
)
from ...redaction import redact
from ...search_records import comments_hidden
from ...text import render_markdown
from ...threads.services.common import counted_add, counted_remove
from .posting import clean_body
from .tree import refresh_tree, visibility_changed


def can_still_edit(comment: Comment, *, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    window = dt.timedelta(seconds=settings.SERAMBI_COMMENT_EDIT_WINDOW)
    return not comment.is_removed and now - comment.submit_date <= window


@transaction.atomic
def comment_edit(*, user, comment: Comment, body: str) -> Comment:
    """The author changes their comment within the edit window; the earlier text is
    kept as a revision. Masking applies again."""
    check_is_comment_author(user=user, comment=comment)
    comment = Comment.norel_objects.select_for_update(of=("self",)).get(pk=comment.pk)
    if not can_still_edit(comment):
        raise ValidationError(_("The time to edit this comment has passed."), code="too_late")
    body = clean_body(body)
    text, kinds = redact(body)
    if text == comment.comment:
        return comment
    CommentRevision.objects.create(comment=comment, previous_body=comment.comment)
    comment.comment, comment.body_html = text, render_markdown(text)
    comment.redactions = sorted(set(comment.redactions) | set(kinds))
    comment.edited_at = timezone.now()
    comment.revisions_count += 1
    fields = ["comment", "body_html", "redactions", "edited_at", "revisions_count"]
    if kinds:
        comment.needs_review = True
        fields.append("needs_review")
        ModerationLedgerEntry.objects.create(
            action=ModerationAction.REDACT, item_kind=ItemKind.COMMENT, item_id=comment.pk,
            area=comment.area, rule="personal_data", automatic=True, note=", ".join(kinds),
        )
    Comment.objects.filter(pk=comment.pk).update(**{f: getattr(comment, f) for f in fields})
    if comment.is_public:
        transaction.on_commit(lambda: visibility_changed(comment.pk))
    return comment


@transaction.atomic
def comment_delete(*, user, comment: Comment) -> Comment:
    """The author deletes their comment: its text goes, a "comment removed" placeholder
    keeps its place so the replies stay."""
    check_is_comment_author(user=user, comment=comment)
    if comment.is_removed:
        return comment
    XtdComment.norel_objects.filter(pk=comment.pk).update(is_removed=True, comment="")
    Comment.objects.filter(pk=comment.pk).update(body_html="")
    comments_hidden([comment.pk])
    refresh_tree(thread_id=comment.thread_id)
    transaction.on_commit(lambda: visibility_changed(comment.pk))
    comment.refresh_from_db()
    return comment


@transaction.atomic
def comment_like(*, user, comment: Comment, ip: str | None = None) -> bool:
    """Like a published comment, once per user. Returns False if already liked."""
    check_can_react_to_comment(user=user)
    if not comment.is_public or comment.is_removed:
        raise ValidationError(_("This comment cannot be liked."), code="not_public")
    if comment.user_id == user.pk:
        raise ValidationError(_("You cannot like your own comment."), code="own")
    ratelimit.hit("comment_reaction", user=user, ip=ip)
    return counted_add(CommentReaction, comment=comment, user=user,
                       counter=(comment, "likes_count"))


@transaction.atomic
def comment_unlike(*, user, comment: Comment) -> bool:
    check_can_react_to_comment(user=user)
    return counted_remove(CommentReaction, comment=comment, user=user,
                          counter=(comment, "likes_count"))
