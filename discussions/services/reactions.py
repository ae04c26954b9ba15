"""'Me too' support and following. Counters on the thread move in the same transaction
as the row, with F() expressions, so they stay exact under concurrent clicks."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ..models import Follow, Support, Thread, ThreadStatus
from ..permissions import check_can_react
from ._common import state_error


@transaction.atomic
def thread_support(*, user, thread: Thread) -> bool:
    """Add the user's 'me too'. Returns False if they had already supported it."""
    check_can_react(user=user)
    if thread.author_id == user.pk:
        raise state_error(_("You opened this thread; your support is already counted."))
    if thread.status == ThreadStatus.CLOSED:
        raise state_error(_("This thread is closed."))
    _support, created = Support.objects.get_or_create(thread=thread, user=user)
    if created:
        Thread.objects.filter(pk=thread.pk).update(supporters_count=F("supporters_count") + 1)
    return created


@transaction.atomic
def thread_unsupport(*, user, thread: Thread) -> bool:
    check_can_react(user=user)
    deleted, _rows = Support.objects.filter(thread=thread, user=user).delete()
    if deleted:
        Thread.objects.filter(pk=thread.pk, supporters_count__gt=0).update(
            supporters_count=F("supporters_count") - 1
        )
    return bool(deleted)


@transaction.atomic
def thread_follow(*, user, thread: Thread) -> bool:
    """Follow a thread: new official answers are notified. False if already following."""
    check_can_react(user=user)
    _follow, created = Follow.objects.get_or_create(thread=thread, user=user)
    if created:
        Thread.objects.filter(pk=thread.pk).update(followers_count=F("followers_count") + 1)
    return created


@transaction.atomic
def thread_unfollow(*, user, thread: Thread) -> bool:
    check_can_react(user=user)
    deleted, _rows = Follow.objects.filter(thread=thread, user=user).delete()
    if deleted:
        Thread.objects.filter(pk=thread.pk, followers_count__gt=0).update(
            followers_count=F("followers_count") - 1
        )
    return bool(deleted)
