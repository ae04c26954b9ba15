"""'Me too' support and following. Counters on the thread move in the same transaction
as the row, with F() expressions, so they stay exact under concurrent clicks."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from ...models import Follow, Support, Thread, ThreadVisibility
from ...permissions import check_can_react
from .. import lifecycle
from .common import counted_add, counted_remove, state_error


def _check_published(thread: Thread) -> None:
    """A hidden thread takes no new followers (withdrawing stays possible)."""
    if thread.visibility != ThreadVisibility.PUBLISHED:
        raise state_error(_("This thread is hidden by the moderators."))


@transaction.atomic
def thread_support(*, user, thread: Thread) -> bool:
    """Add the user's 'me too'. Returns False if they had already supported it."""
    check_can_react(user=user)
    lifecycle.check(thread, "support", user=user)  # not the asker, not closed, published
    return counted_add(Support, thread=thread, user=user, counter=(thread, "supporters_count"))


@transaction.atomic
def thread_unsupport(*, user, thread: Thread) -> bool:
    check_can_react(user=user)
    return counted_remove(Support, thread=thread, user=user,
                          counter=(thread, "supporters_count"))


@transaction.atomic
def thread_follow(*, user, thread: Thread) -> bool:
    """Follow a thread: new official answers are notified. False if already following."""
    check_can_react(user=user)
    _check_published(thread)
    return counted_add(Follow, thread=thread, user=user, counter=(thread, "followers_count"))


@transaction.atomic
def thread_unfollow(*, user, thread: Thread) -> bool:
    check_can_react(user=user)
    return counted_remove(Follow, thread=thread, user=user,
                          counter=(thread, "followers_count"))
