"""Notifications about comments (issue 17): a thread's asker and followers hear of a new
comment, a commenter of a reply to their comment, on threads and on program and outcome
pages alike.

A comment is announced once, the first time it is public (approved, every ancestor
shown): a pre-moderated comment when a moderator approves it, a trusted author's at
once. `refresh_tree` calls `comments_announce` with the comments that just became public;
`Comment.announced_at` makes hiding and restoring one stay silent. Nobody is told of
their own comment, and each person gets at most one notification per comment: a reply to
their comment first, then a comment on their thread, then one on a thread they follow.
Anonymous commenters have no account: their address is used only for the confirmation
and the moderation decision (the consent they gave), never for replies.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from ...models import Comment, NotificationKind, Thread, ThreadVisibility
from ...notifications.services import follower_users, notify


def comments_announce(*, comment_ids: Iterable[int]) -> int:
    """Notify about each comment that is public for the first time; returns how many
    comments were announced. Runs inside the write that made them public."""
    ids = list(comment_ids)
    if not ids:
        return 0
    now = timezone.now()
    fresh = list(
        Comment.objects.filter(pk__in=ids, announced_at__isnull=True, is_public=True,
                               is_removed=False)
        .select_related("user").order_by("pk")
    )
    if not fresh:
        return 0
    Comment.objects.filter(pk__in=[c.pk for c in fresh]).update(announced_at=now)
    thread_ct = ContentType.objects.get_for_model(Thread)
    for comment in fresh:
        thread = None
        if comment.content_type_id == thread_ct.pk:
            thread = Thread.objects.select_related("author").filter(
                pk=int(comment.object_pk)).first()
            if thread is None or thread.visibility != ThreadVisibility.PUBLISHED:
                continue
        _announce(comment, thread)
    return len(fresh)


def _announce(comment: Comment, thread: Thread | None) -> None:
    told = {comment.user_id} if comment.user_id else set()
    if comment.is_reply:
        parent = Comment.objects.filter(pk=comment.parent_id).select_related("user").first()
        if parent is not None and parent.user is not None and not parent.is_removed:
            told |= _tell(NotificationKind.REPLY, [parent.user], comment, thread, told)
    if thread is None:
        return
    if thread.author_id is not None:
        told |= _tell(NotificationKind.COMMENT, [thread.author], comment, thread, told)
    _tell(NotificationKind.FOLLOWED_COMMENT, follower_users(thread=thread), comment, thread,
          told)


def _tell(kind: str, users: list, comment: Comment, thread: Thread | None,
          told: set[int]) -> set[int]:
    users = [user for user in users if user is not None and user.pk not in told]
    notify(kind=kind, thread=thread, comment=comment, users=users)
    return {user.pk for user in users}
