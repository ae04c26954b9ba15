"""Reads shared by views, template tags, feeds and commands. Each returns a queryset or
values with its joins already done, so a page's query count does not grow with rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Least

from forum_site.accounts.models import Unit
from forum_site.accounts.permissions import is_moderator, verified_asn_profile

from .models import (
    AWAITING_UNIT,
    ActorRole,
    Category,
    Comment,
    CommentReaction,
    CommentRevision,
    CommentStatus,
    Flag,
    Follow,
    ModerationLedgerEntry,
    Notification,
    NotificationKind,
    NotificationPreference,
    OfficialAnswer,
    Support,
    Thread,
    ThreadEvent,
    ThreadStatus,
    ThreadVisibility,
)
from .redaction import redact_text

OVERDUE = "overdue"  # a pseudo-status for the list filter


def category_list_active() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True).select_related("default_unit")


def unit_list_for_forum() -> QuerySet[Unit]:
    return Unit.objects.filter(is_active=True).order_by("name")


def threads_public() -> QuerySet[Thread]:
    """Every thread the public may see, with its unit, category and author joined.

    The one starting point for anything public about threads (pages, feeds, search,
    statistics, open data): moderation hides threads by narrowing this queryset."""
    return Thread.objects.filter(visibility=ThreadVisibility.PUBLISHED).select_related(
        "unit", "category", "author"
    )


def threads_visible_to(user) -> QuerySet[Thread]:
    """The threads `user` may open: the public ones and their own waiting or rejected
    ones, or every thread for a moderator (the queryset form of
    `permissions.can_view_thread`)."""
    from .models import AUTHOR_SEES
    from .permissions import can_moderate

    threads = Thread.objects.select_related("unit", "category", "author")
    if can_moderate(user):
        return threads
    if user is not None and user.is_authenticated:
        return threads.filter(Q(visibility=ThreadVisibility.PUBLISHED)
                              | Q(author=user, visibility__in=AUTHOR_SEES))
    return threads_public()


def approved_posts_count(*, user) -> int:
    """What earns trust (`permissions.is_trusted_author`): the user's approved comments
    and published threads."""
    comments = Comment.objects.filter(user=user, status=CommentStatus.APPROVED).count()
    threads = Thread.objects.filter(author=user, visibility=ThreadVisibility.PUBLISHED).count()
    return comments + threads


def answers_public() -> QuerySet[OfficialAnswer]:
    """Every official answer the public may see (on a public thread)."""
    return OfficialAnswer.objects.filter(thread__in=threads_public().values("pk")).select_related(
        "thread", "thread__unit"
    )


def thread_list_public(
    *,
    status: str | None = None,
    kind: str | None = None,
    unit: Unit | None = None,
    category: Category | None = None,
) -> QuerySet[Thread]:
    """Threads for the public list, newest first, filtered as the visitor asked."""
    threads = threads_public()
    if status == OVERDUE:
        threads = threads.filter(is_overdue=True)
    elif status:
        threads = threads.filter(status=status)
    if kind:
        threads = threads.filter(kind=kind)
    if unit is not None:
        threads = threads.filter(unit=unit)
    if category is not None:
        threads = threads.filter(category=category)
    return threads.order_by("-created_at", "-pk")


def thread_detail(*, pk: int) -> Thread:
    """One thread with everything its page shows in one row (raises DoesNotExist)."""
    return Thread.objects.select_related(
        "unit", "category", "author", "publication_page", "duplicate_of"
    ).get(pk=pk)


def thread_answers(*, thread: Thread) -> list[OfficialAnswer]:
    return list(OfficialAnswer.objects.filter(thread=thread).order_by("created_at", "pk"))


def thread_events(*, thread: Thread) -> list[ThreadEvent]:
    """The timeline. New reasons are masked before they are stored; events are append-only
    (the database refuses updates), so reasons stored before masking covered them are
    masked here, on the way out (`manage.py personal_data_remask` fixes everything else)."""
    events = list(ThreadEvent.objects.filter(thread=thread).order_by("at", "pk"))
    for event in events:
        event.reason = redact_text(event.reason)
    return events


def thread_private_details(*, thread: Thread) -> list:
    """The asker's masked details, for the people `permissions.can_see_private_details`
    allows (callers check). They come only from the masked title and body, so a thread
    whose text carries no mask label has none (and costs no query)."""
    from forum_site.core.redaction import MASKS

    from .models import ThreadPrivateDetail

    if not any(label in thread.title or label in thread.body for label in MASKS.values()):
        return []
    return list(ThreadPrivateDetail.objects.filter(thread=thread).order_by("pk"))


@dataclass
class ViewerState:
    supports: bool = False
    follows: bool = False


def viewer_state(*, user, thread: Thread) -> ViewerState:
    """Whether the signed-in visitor supports / follows the thread (one query)."""
    if not user.is_authenticated:
        return ViewerState()
    row = (
        Thread.objects.filter(pk=thread.pk)
        .annotate(
            _supports=Exists(Support.objects.filter(thread=OuterRef("pk"), user=user)),
            _follows=Exists(Follow.objects.filter(thread=OuterRef("pk"), user=user)),
        )
        .values("_supports", "_follows")
        .first()
    )
    return ViewerState(
        supports=bool(row and row["_supports"]), follows=bool(row and row["_follows"])
    )


def answer_detail(*, pk: int) -> OfficialAnswer:
    return OfficialAnswer.objects.select_related("thread", "thread__unit").get(pk=pk)


def answer_revisions(*, answer: OfficialAnswer):
    """An answer's public history, masked on the way out like `thread_events` (revisions
    are append-only)."""
    revisions = list(answer.revisions.order_by("-edited_at", "-pk"))
    for revision in revisions:
        revision.previous_body = redact_text(revision.previous_body)
        revision.new_body = redact_text(revision.new_body)
    return revisions


# --- similar threads --------------------------------------------------------------------


def similar_threads(*, title: str, limit: int = 5, exclude_pk: int | None = None) -> list[Thread]:
    """Public threads most like `title` (the duplicate check before posting), best first.

    Asks the search engine (any word of the title may match, ranked by relevance, with
    stemming on PostgreSQL and Elasticsearch); closed threads are left out."""
    from search.selectors import similar_ids

    ids = [pk for pk in similar_ids(title, record_type="thread", limit=limit + 5)
           if pk != exclude_pk]
    if not ids:
        return []
    threads = threads_public().filter(pk__in=ids).exclude(status=ThreadStatus.CLOSED)
    by_pk = {thread.pk: thread for thread in threads}
    return [by_pk[pk] for pk in ids if pk in by_pk][:limit]


# --- unit queue -------------------------------------------------------------------------


@dataclass
class Queue:
    threads: QuerySet[Thread]
    unit: Unit | None
    all_units: bool
    units: list[Unit] = field(default_factory=list)


def unit_queue(*, user, unit: Unit | None = None) -> Queue:
    """Threads waiting for a unit: overdue first, then by the nearest deadline.

    A verified ASN sees their own unit; a moderator sees every unit, or one they pick."""
    threads = threads_public().filter(status__in=AWAITING_UNIT)
    moderator = is_moderator(user)
    if not moderator:
        profile = verified_asn_profile(user)
        unit = profile.unit if profile is not None else None
        threads = threads.filter(unit=unit) if unit is not None else threads.none()
    elif unit is not None:
        threads = threads.filter(unit=unit)
    # The next deadline: the first response while none was given, else the answer.
    next_due = Case(
        When(first_response_at__isnull=True, then=Least("first_response_due", "answer_due")),
        default=F("answer_due"),
    )
    threads = threads.annotate(next_due=next_due).order_by(
        "-is_overdue", "next_due", "created_at", "pk"
    )
    return Queue(
        threads=threads,
        unit=unit,
        all_units=moderator and unit is None,
        units=list(unit_list_for_forum()) if moderator else [],
    )


def unit_overdue_count(*, user) -> int | None:
    """The header's count for a verified ASN: their unit's public threads past a deadline
    and still waiting for the unit (the top of their queue), in one query. None for
    anyone else (no query: the user comes with their ASN profile)."""
    profile = verified_asn_profile(user)
    if profile is None:
        return None
    return threads_public().filter(unit_id=profile.unit_id, status__in=AWAITING_UNIT,
                                   is_overdue=True).count()


# --- publication pages ---------------------------------------------------------------------


def page_threads(*, page, limit: int = 5) -> tuple[list[Thread], int]:
    """Threads about a publication page (any of its translations), newest first, and
    how many there are in all."""
    threads = threads_public().filter(
        publication_page__translation_key=page.translation_key
    ).select_related("unit")
    rows = list(threads.order_by("-created_at", "-pk")[:limit])
    total = len(rows) if len(rows) < limit else threads.count()
    return rows, total


def linkable_page(*, pk) -> object | None:
    """A live, public Wagtail page a new thread may be about (None if not)."""
    from wagtail.models import Page

    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    from forum_site.core.pages import unrestricted

    return Page.objects.live().filter(unrestricted(), pk=pk).specific().first()


# --- a citizen's own threads and the threads they follow ------------------------------------


def threads_by_author(*, user) -> QuerySet[Thread]:
    """'Diskusi saya': the threads a user opened, most recently active first, hidden ones
    included (their author sees that a moderator hid them)."""
    return (
        Thread.objects.filter(author=user)
        .select_related("unit", "category")
        .order_by("-updated_at", "-pk")
    )


def threads_followed(*, user) -> QuerySet[Thread]:
    """'Diikuti': public threads the user follows (their own included: the asker follows
    their thread from the start), most recently active first."""
    return (
        threads_public()
        .filter(follows__user=user)
        .order_by("-updated_at", "-pk")
    )


# --- notifications ---------------------------------------------------------------------------


def _visible_notifications(user) -> QuerySet[Notification]:
    """The user's on-site notifications about threads they may still see: published
    threads, their own threads always (the asker is told when theirs is hidden), and every
    thread for a moderator. Whether the user moderates is a subquery, so the rule costs no
    permission queries on pages that ask nothing else (the header's count is on every
    signed-in page)."""
    from django.contrib.auth.models import Permission

    rows = Notification.objects.filter(user=user, show_on_site=True)
    if user.is_superuser:
        return rows
    moderates = Exists(Permission.objects.filter(
        content_type__app_label="accounts", codename="verify_asnprofile",
    ).filter(Q(group__user=user) | Q(user=user)))
    # A notification about a comment (issue 17) goes with the comment: listed while it
    # is public; one about a comment on a program or outcome page has no thread.
    comment_shown = Q(comment__isnull=True) | Q(comment__is_public=True,
                                                comment__is_removed=False)
    thread_shown = (Q(thread__isnull=True) | Q(thread__visibility=ThreadVisibility.PUBLISHED)
                    | Q(thread__author=user))
    return rows.filter(Q(moderates) | (thread_shown & comment_shown))


def notifications_for(*, user) -> QuerySet[Notification]:
    """The user's notifications list, newest first (see `_visible_notifications`)."""
    return (
        _visible_notifications(user)
        .select_related("thread", "answer", "event", "comment")
        .prefetch_related("comment__content_object")
        .order_by("-created_at", "-pk")
    )


def unread_notification_count(*, user) -> int:
    """The header's count: the listed notifications not yet read, in one query."""
    if not user.is_authenticated:
        return 0
    return _visible_notifications(user).filter(read_at__isnull=True).count()


def notification_kinds_for(*, user) -> list[str]:
    """The kinds a user can receive: ASN and moderators also get their unit's notices."""
    from .models import UNIT_KINDS
    from .permissions import is_ppid_superior

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


# --- statistics for the list header ----------------------------------------------------------


# --- comments ---------------------------------------------------------------------------------


@dataclass
class CommentSection:
    """What a page shows of its comments, read in a fixed number of queries."""

    comments: list  # public comments and "removed" placeholders, in tree order
    count: int  # public comments, placeholders not counted
    liked: set[int] = field(default_factory=set)
    own_waiting: list = field(default_factory=list)  # the viewer's unpublished comments
    number: int = 1  # this page of top-level comments (1-based)
    num_pages: int = 1

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def comments_per_page() -> int:
    from django.conf import settings

    return max(1, int(settings.SERAMBI_COMMENTS_PER_PAGE))


def comment_page_number(value) -> int | None:
    """"3" → 3; a missing page → 1; anything else (garbage, zero, negative, huge) → None,
    which the page answers with a 404."""
    if value in (None, ""):
        return 1
    text = str(value)
    if not text.isascii() or not text.isdigit() or len(text) > 6 or int(text) < 1:
        return None
    return int(text)


def comment_target_keys(obj):
    """(content type id, object ids) the comments of `obj` are stored under: a thread's
    id, or a subquery of the ids of all translations of a page (their comments are
    shared)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField
    from django.db.models.functions import Cast

    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    if isinstance(obj, Thread):
        return content_type.pk, [str(obj.pk)]
    from wagtail.models import Page

    translations = Page.objects.filter(translation_key=obj.translation_key).annotate(
        key=Cast("pk", CharField())
    ).values("key")
    return content_type.pk, translations


def comments_public() -> QuerySet[Comment]:
    """Every comment the public may see (approved, every ancestor approved, not deleted,
    on a public thread). The starting point for search, statistics and exports."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField
    from django.db.models.functions import Cast

    thread_ct = ContentType.objects.get_for_model(Thread)
    hidden = Thread.objects.exclude(visibility=ThreadVisibility.PUBLISHED).annotate(
        key=Cast("pk", CharField())
    ).values("key")
    return Comment.objects.filter(is_public=True, is_removed=False).exclude(
        content_type=thread_ct, object_pk__in=hidden
    )


def comment_section(*, obj, user, page: int = 1, own_ids=()) -> CommentSection:
    """One page of the published comment tree of a thread or page (top-level comments
    with all their replies, `SERAMBI_COMMENTS_PER_PAGE` top-level comments a page, oldest
    first), the viewer's likes and the viewer's own comments still waiting. Two queries
    for a visitor, four signed in, at any size and on any page; a page past the last
    shows the last. A visitor without an account is shown the anonymous comments whose
    ids their session kept (`own_ids`) while those wait for confirmation or moderation."""
    content_type_id, object_pks = comment_target_keys(obj)
    public = Comment.norel_objects.filter(
        content_type_id=content_type_id, object_pk__in=object_pks, is_public=True
    )
    totals = public.aggregate(
        count=Count("pk", filter=Q(is_removed=False)), roots=Count("pk", filter=Q(level=0))
    )
    per_page = comments_per_page()
    num_pages = max(1, -(-totals["roots"] // per_page))
    number = min(max(1, page), num_pages)
    roots = public.filter(level=0).order_by("pk").values("pk")[
        (number - 1) * per_page:number * per_page
    ]
    comments = []
    if totals["roots"]:
        rows = public.filter(thread_id__in=roots).order_by("thread_id", "order").only(
            "pk", "thread_id", "parent_id", "level", "order", "user_id", "user_name",
            "body_html", "submit_date", "is_removed", "is_public", "edited_at", "likes_count",
            "author_kind", "redactions", "content_type_id", "object_pk",
        )
        if user.is_authenticated:  # the viewer's likes, in the same statement
            rows = rows.annotate(viewer_liked=Exists(
                CommentReaction.objects.filter(user=user, comment_id=OuterRef("pk"))
            ))
        comments = list(rows)
    liked: set[int] = set()
    own_waiting: list = []
    if user.is_authenticated:
        liked = {comment.pk for comment in comments if comment.viewer_liked}
        own_waiting = list(
            Comment.objects.filter(
                user=user, content_type_id=content_type_id, object_pk__in=object_pks,
                is_public=False, is_removed=False,
            ).order_by("submit_date")
        )
    elif own_ids:
        own_waiting = list(
            Comment.objects.filter(
                pk__in=list(own_ids)[:20], user__isnull=True, content_type_id=content_type_id,
                object_pk__in=object_pks, is_public=False, is_removed=False,
                status__in=(CommentStatus.UNCONFIRMED, CommentStatus.PENDING),
            ).order_by("submit_date")
        )
    return CommentSection(comments=comments, count=totals["count"], liked=liked,
                          own_waiting=own_waiting, number=number, num_pages=num_pages)


def comment_page_of(comment: Comment) -> int:
    """The page of its target's comments that shows `comment` (its top-level comment's
    place among the public top-level comments, oldest first). One query."""
    content_type_id, object_pks = comment.content_type_id, [str(comment.object_pk)]
    root_pk = comment.thread_id or comment.pk
    if content_type_id != _thread_content_type_id():
        from wagtail.models import Page

        page = Page.objects.filter(pk=int(comment.object_pk)).only("translation_key").first()
        if page is not None:
            _ct, object_pks = comment_target_keys(page)
    before = Comment.norel_objects.filter(
        content_type_id=content_type_id, object_pk__in=object_pks, is_public=True, level=0,
        pk__lt=root_pk,
    ).count()
    return before // comments_per_page() + 1


def _thread_content_type_id() -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Thread).pk


def comment_detail(*, pk: int) -> Comment:
    return Comment.objects.get(pk=pk)


def comment_target_object(comment: Comment):
    """The thread or page a comment is about (None if gone)."""
    from wagtail.models import Page

    model = comment.content_type.model_class()
    if model is Thread:
        return Thread.objects.filter(pk=int(comment.object_pk)).first()
    return Page.objects.filter(pk=int(comment.object_pk)).specific().first()


# --- moderation -----------------------------------------------------------------------------


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


# --- FAQ ----------------------------------------------------------------------------------


def faqs_public():
    """FAQ entries whose source thread the public can see (a hidden thread takes its
    entry with it)."""
    from .models import FaqEntry

    return (FaqEntry.objects.filter(thread__visibility=ThreadVisibility.PUBLISHED)
            .select_related("unit", "category", "thread"))


def faq_list(*, unit=None, category=None):
    entries = faqs_public()
    if unit is not None:
        entries = entries.filter(unit=unit)
    if category is not None:
        entries = entries.filter(category=category)
    return entries.order_by("unit__name", "category__sort_order", "question")


def similar_faqs(*, title: str, limit: int = 3) -> list:
    """FAQ entries most like `title` (offered on the new-thread form before the similar
    threads), best first."""
    from search.selectors import similar_ids

    ids = similar_ids(title, record_type="faq", limit=limit + 3)
    if not ids:
        return []
    by_pk = {entry.pk: entry for entry in faqs_public().filter(pk__in=ids)}
    return [by_pk[pk] for pk in ids if pk in by_pk][:limit]
