"""Reads of threads and official answers shared by views, template tags, feeds and
commands. Each returns a queryset or values with its joins already done, so a page's query
count does not grow with rows. Comments, moderation, notifications and the FAQ have their
own `selectors` in their sub-packages."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    When,
)
from django.db.models.functions import Least

from forum_site.accounts.models import Unit
from forum_site.accounts.permissions import is_moderator, verified_asn_profile

from ..models import (
    AWAITING_UNIT,
    Category,
    Comment,
    CommentStatus,
    Follow,
    OfficialAnswer,
    Support,
    Thread,
    ThreadEvent,
    ThreadStatus,
    ThreadVisibility,
)
from ..redaction import redact_text

OVERDUE = "overdue"  # a pseudo-status for the list filter


def category_list_active() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True).select_related("default_unit")


def categories_by_pk(pks) -> dict[int, Category]:
    """{pk: category} for these primary keys, active or not (statistics name past ones)."""
    return Category.objects.in_bulk(list(pks))


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
    from ..models import AUTHOR_SEES
    from ..permissions import can_moderate

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

    from ..models import ThreadPrivateDetail

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
