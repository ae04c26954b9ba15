"""Reads for moderators and the public ledger: the moderation queue, reports with the
reporter's role, the ledger's counts."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from ..models import (
    ActorRole,
    Comment,
    CommentRevision,
    CommentStatus,
    Flag,
    ModerationLedgerEntry,
    Thread,
    ThreadVisibility,
)


def moderation_queue_comments(*, area: str | None = None, older_than_hours: int | None = None
                              ) -> QuerySet[Comment]:
    """Comments that need a moderator: waiting (pre-moderation), hidden after flags, or
    masked automatically; oldest first."""
    from django.utils import timezone

    rows = Comment.objects.filter(needs_review=True).exclude(
        status=CommentStatus.UNCONFIRMED
    ).select_related("content_type").order_by("submit_date", "pk")
    if area:
        rows = rows.filter(area=area)
    if older_than_hours:
        rows = rows.filter(
            submit_date__lte=timezone.now() - timedelta(hours=older_than_hours)
        )
    return rows


def moderation_queue_threads() -> QuerySet[Thread]:
    """Threads waiting for a moderator: a new account's thread (pre-moderation) or one
    hidden after flags; oldest first."""
    return Thread.objects.filter(
        visibility__in=(ThreadVisibility.WAITING, ThreadVisibility.PENDING)
    ).select_related("unit", "category", "author").order_by("updated_at", "pk")


LEDGER_DIMENSIONS = {
    "month": None,  # computed
    "rule": "rule",
    "area": "area",
    "action": "action",
    "item_kind": "item_kind",
}


def moderation_ledger_counts(
    *, since=None, until=None, by: tuple[str, ...] = ("month", "item_kind", "area", "action",
                                                      "rule"),
) -> list[dict]:
    """Moderation decisions counted in the database, grouped by any of month, rule, area,
    action and item kind: [{"month": date, "rule": "spam", …, "count": 3}, …], newest
    month first. No person, no text. Used by the public ledger page, its CSV and the
    statistics."""
    from django.db.models.functions import TruncMonth
    from django.utils import timezone

    unknown = set(by) - set(LEDGER_DIMENSIONS)
    if unknown:
        raise ValueError(f"unknown ledger dimensions: {sorted(unknown)}")
    rows = ModerationLedgerEntry.objects.all()
    if since is not None:
        rows = rows.filter(at__gte=since)
    if until is not None:
        rows = rows.filter(at__lt=until)
    if "month" in by:
        rows = rows.annotate(month=TruncMonth("at", tzinfo=timezone.get_current_timezone()))
    fields = list(by)
    order = [("-" + name) if name == "month" else name for name in fields]
    result = list(rows.values(*fields).annotate(count=Count("pk")).order_by(*order))
    for row in result:
        if "month" in row and hasattr(row["month"], "date"):
            row["month"] = row["month"].date()
    return result


def moderation_queue_items(*, show: str = "waiting", area: str | None = None,
                           older: int | None = None) -> tuple[list, list]:
    """(comments, threads) for the moderators' queue, each comment with its target's
    title and address (one query per target type, whatever the number of comments)."""
    if show == "hidden":
        comments = Comment.objects.filter(
            status__in=(CommentStatus.HIDDEN, CommentStatus.REJECTED)
        ).order_by("-moderated_at", "-pk")
        if area:
            comments = comments.filter(area=area)
        threads = Thread.objects.filter(
            visibility__in=(ThreadVisibility.HIDDEN, ThreadVisibility.REJECTED)
        ).select_related("unit", "author").order_by("-updated_at")
    else:
        comments = moderation_queue_comments(area=area, older_than_hours=older)
        threads = moderation_queue_threads()
        if area not in (None, "", "forum"):
            threads = threads.none()
    comments = list(comments.select_related("content_type").prefetch_related(
        Prefetch("forum_flags", queryset=flags_for_moderators()),
        Prefetch("revisions", queryset=CommentRevision.objects.order_by("-edited_at", "-pk")),
    )[:200])
    _attach_targets(comments)
    threads = list(threads.prefetch_related(
        Prefetch("forum_flags", queryset=flags_for_moderators()))[:200])
    return comments, threads


def flags_for_moderators() -> QuerySet[Flag]:
    """Reports, newest first, each with `reporter_role` (an `ActorRole` value, "" for a
    deleted account) worked out in the same query: moderators see who reported as a role
    and a public name, never an email address."""
    from forum_site.accounts import roles
    from forum_site.accounts.models import AsnProfile

    moderator = Exists(get_user_model().groups.through.objects.filter(
        user_id=OuterRef("user_id"), group__name=roles.MODERATOR))
    asn = Exists(AsnProfile.objects.filter(
        user_id=OuterRef("user_id"), status=AsnProfile.Status.VERIFIED))
    return Flag.objects.select_related("user").annotate(reporter_role=Case(
        When(user__isnull=True, then=Value("")),
        When(Q(user__is_superuser=True) | moderator, then=Value(ActorRole.MODERATOR)),
        When(asn, then=Value(ActorRole.ASN)),
        default=Value(ActorRole.CITIZEN),
    )).order_by("-created_at", "-pk")


def thread_flags(*, thread: Thread) -> list[Flag]:
    """Every report on a thread (resolved ones too), for the moderators."""
    return list(flags_for_moderators().filter(thread=thread))


def _attach_targets(comments: list) -> None:
    from wagtail.models import Page

    thread_ids = {int(c.object_pk) for c in comments if c.content_type.model == "thread"}
    page_ids = {int(c.object_pk) for c in comments if c.content_type.model != "thread"}
    threads = {t.pk: t for t in Thread.objects.filter(pk__in=thread_ids)}
    pages = {p.pk: p for p in Page.objects.filter(pk__in=page_ids)}
    for comment in comments:
        pk = int(comment.object_pk)
        target = threads.get(pk) if comment.content_type.model == "thread" else pages.get(pk)
        comment.target_title = getattr(target, "title", "—")
        if isinstance(target, Thread):
            comment.target_url = target.get_absolute_url()
        else:
            comment.target_url = target.url if target is not None else ""
