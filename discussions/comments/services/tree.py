"""The reply tree and the one place where a comment's public visibility changes.

Public visibility (`Comment.is_public`) is derived, never set by hand: a comment is
public when it is approved and every comment above it is public (a reply under a hidden
comment is hidden with it; restoring brings it back). `refresh_tree()` recomputes it for a
whole reply tree and the target's counter, and `visibility_changed()` is told, after
commit, about every comment whose visibility changed (the search index hooks in there).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Min
from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment

from ...models import (
    Comment,
    CommentStatus,
    Thread,
)
from ...search_records import comments_hidden

logger = logging.getLogger(__name__)


def place_in_tree(comment: Comment, parent: Comment | None) -> None:
    """Give a new reply its thread_id, level and order under a lock on the tree's root,
    so concurrent replies cannot take the same position (depth-first order, as xtd)."""
    if parent is None:
        comment.level, comment.order, comment.thread_id, comment.parent_id = 0, 1, 0, 0
        return
    # Lock the root row: every insert into this tree waits here for the previous one.
    XtdComment.norel_objects.select_for_update().filter(pk=parent.thread_id).first()
    parent_row = XtdComment.norel_objects.get(pk=parent.pk)
    if parent_row.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
        raise ValidationError(_("Replies go at most three levels deep; reply higher up."),
                              code="too_deep")
    tree = XtdComment.norel_objects.filter(thread_id=parent_row.thread_id)
    next_sibling = tree.filter(level__lte=parent_row.level, order__gt=parent_row.order)
    min_order = next_sibling.aggregate(m=Min("order"))["m"]
    if min_order is not None:
        # Make room in two steps so the unique (thread_id, order) index holds after
        # every row: first to negatives, then back shifted by one.
        tree.filter(order__gte=min_order).update(order=-F("order"))
        tree.filter(order__lt=0).update(order=-F("order") + 1)
        order = min_order
    else:
        order = (tree.aggregate(m=Max("order"))["m"] or 0) + 1
    comment.thread_id = parent_row.thread_id
    comment.parent_id = parent_row.pk
    comment.level = parent_row.level + 1
    comment.order = order
    ancestors = [parent_row.pk]
    if parent_row.parent_id != parent_row.pk:
        ancestors.append(parent_row.parent_id)
    tree.filter(pk__in=ancestors).update(nested_count=F("nested_count") + 1)


def refresh_tree(*, thread_id: int) -> list[int]:
    """Recompute `is_public` for one reply tree and the target's comment counter.
    Returns the ids whose visibility changed; `visibility_changed` hears of each
    after commit."""
    rows = list(
        Comment.objects.filter(thread_id=thread_id)
        .order_by("order")
        .values_list("pk", "parent_id", "status", "is_public")
    )
    visible: dict[int, bool] = {}
    changed_on, changed_off = [], []
    for pk, parent_id, status, is_public in rows:
        above = True if parent_id in (0, pk) else visible.get(parent_id, False)
        now_public = above and status == CommentStatus.APPROVED
        visible[pk] = now_public
        if now_public != is_public:
            (changed_on if now_public else changed_off).append(pk)
    if changed_on:
        XtdComment.norel_objects.filter(pk__in=changed_on).update(is_public=True)
        from .notifications import comments_announce

        comments_announce(comment_ids=changed_on)  # the first time only (issue 17)
    if changed_off:
        XtdComment.norel_objects.filter(pk__in=changed_off).update(is_public=False)
        comments_hidden(changed_off)
    changed = changed_on + changed_off
    if rows:
        _refresh_counter(Comment.objects.filter(pk=rows[0][0]).first())
    if changed:
        transaction.on_commit(lambda: [visibility_changed(pk) for pk in changed])
    return changed


def _refresh_counter(comment: Comment | None) -> None:
    if comment is None:
        return
    thread_ct = ContentType.objects.get_for_model(Thread)
    if comment.content_type_id == thread_ct.pk:
        count = Comment.objects.filter(
            content_type_id=thread_ct.pk, object_pk=comment.object_pk, is_public=True,
            is_removed=False,
        ).count()
        Thread.objects.filter(pk=int(comment.object_pk)).update(comments_count=count)


def visibility_changed(comment_id: int) -> None:
    """Called after commit for every comment that appeared on or disappeared from public
    pages (approved, rejected, hidden, restored, deleted, edited while public). The one
    hook for anything that mirrors public comments (the search index)."""
    from forum_site.core.page_cache import cache_seconds, new_generation

    from ...search_records import comment_changed

    logger.debug("comment %s visibility changed", comment_id)
    comment_changed(comment_id)
    if cache_seconds() > 0:  # after commit already: the anonymous pages change now
        new_generation()
