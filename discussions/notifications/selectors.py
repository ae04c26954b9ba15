"""Reads of notifications: the list, the header's unread count, the kinds and
preferences a user can set."""

from __future__ import annotations

from django.db.models import (
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from forum_site.accounts.permissions import moderator_permission_expression, verified_asn_profile

from ..models import (
    Notification,
    NotificationKind,
    NotificationPreference,
    ThreadVisibility,
)

# Where the signed-in user, read with `unread_count_expression`, carries the count.
USER_UNREAD_ATTRIBUTE = "serambi_unread_notifications"


def _visible_notifications(user) -> QuerySet[Notification]:
    """The user's on-site notifications about threads they may still see: published
    threads, their own threads always (the asker is told when theirs is hidden), and every
    thread for a moderator. Whether the user moderates is a subquery, so the rule costs no
    permission queries on pages that ask nothing else (the header's count is on every
    signed-in page)."""
    rows = Notification.objects.filter(user=user, show_on_site=True)
    if user.is_superuser:
        return rows
    return rows.filter(_shown(user))


def _shown(user=None) -> Q:
    """The rule of `_visible_notifications` for `user`, or, without one, for each
    notification's own user (in a subquery over users, where there is no user object)."""
    inner = user if user is not None else OuterRef("user_id")  # inside the Exists
    moderates = moderator_permission_expression(inner)
    # A notification about a comment (issue 17) goes with the comment: listed while it
    # is public; one about a comment on a program or outcome page has no thread.
    comment_shown = Q(comment__isnull=True) | Q(comment__is_public=True,
                                                comment__is_removed=False)
    thread_shown = (Q(thread__isnull=True) | Q(thread__visibility=ThreadVisibility.PUBLISHED)
                    | Q(thread__author=user if user is not None else F("user_id")))
    return Q(moderates) | (thread_shown & comment_shown)


def unread_count_expression():
    """The header's count as a subquery over users (`User.objects.annotate(...)`): read
    with the signed-in user, so the header costs no query of its own (issue 20). For a
    superuser, who sees every notification, `unread_notification_count` is exact."""
    rows = (Notification.objects.filter(user=OuterRef("pk"), show_on_site=True,
                                        read_at__isnull=True)
            .filter(_shown()).order_by().values("user_id")
            .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(rows[:1]), 0)


def notifications_for(*, user) -> QuerySet[Notification]:
    """The user's notifications list, newest first (see `_visible_notifications`)."""
    return (
        _visible_notifications(user)
        .select_related("thread", "answer", "event", "comment")
        .prefetch_related("comment__content_object")
        .order_by("-created_at", "-pk")
    )


def unread_notification_count(*, user) -> int:
    """The header's count: the listed notifications not yet read, in one query; none
    when the user was read with it (`unread_count_expression`)."""
    if not user.is_authenticated:
        return 0
    known = getattr(user, USER_UNREAD_ATTRIBUTE, None)
    if known is not None and not user.is_superuser:
        return known
    return _visible_notifications(user).filter(read_at__isnull=True).count()


def notification_kinds_for(*, user) -> list[str]:
    """The kinds a user can receive: ASN and moderators also get their unit's notices."""
    from ..models import UNIT_KINDS
    from ..permissions import is_ppid_superior

    kinds = [kind for kind in NotificationKind.values
             if kind not in UNIT_KINDS and kind != NotificationKind.OBJECTION]
    if verified_asn_profile(user) is not None:
        kinds += list(UNIT_KINDS)
    if is_ppid_superior(user):
        kinds.append(NotificationKind.OBJECTION)
    return kinds


def notification_preferences(*, user) -> dict[str, tuple[bool, bool]]:
    """(email, on_site) per kind the user can receive; defaults from `kind_default`
    (on, except emails about every comment on a followed thread)."""
    from .models import kind_default

    saved = {
        pref.kind: (pref.email, pref.on_site)
        for pref in NotificationPreference.objects.filter(user=user)
    }
    return {kind: saved.get(kind, kind_default(kind))
            for kind in notification_kinds_for(user=user)}
