"""Reads of comments: the comment section of a thread or page (a fixed number of queries
at any size), the public comments, a comment's page and target."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
)

from ..models import (
    Comment,
    CommentReaction,
    CommentStatus,
    Thread,
    ThreadVisibility,
)


@dataclass
class CommentSection:
    """What a page shows of its comments, read in a fixed number of queries."""

    comments: list  # public comments and "removed" placeholders, in tree order
    count: int  # public comments, placeholders not counted
    liked: set[int] = field(default_factory=set)
    own_waiting: list = field(default_factory=list)  # the viewer's unpublished comments
    number: int = 1  # this page of the comments (1-based)
    num_pages: int = 1

    @property
    def continues_from(self) -> int | None:
        """The comment the first reply of this page answers, when that reply's tree began
        on an earlier page (None otherwise)."""
        first = self.comments[0] if self.comments else None
        return first.parent_id if self.number > 1 and first and first.level > 0 else None

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
    """One page of the published comment tree of a thread or page, the viewer's likes and
    the viewer's own comments still waiting. Two queries for a visitor, four signed in, at
    any size and on any page; a page past the last shows the last. A visitor without an
    account is shown the anonymous comments whose ids their session kept (`own_ids`) while
    those wait for confirmation or moderation.

    A page is `SERAMBI_COMMENTS_PER_PAGE` comments of the tree in reading order (each
    top-level comment, oldest first, followed by its replies), replies and "removed"
    placeholders counted: the work and the size of a page are bounded whatever the shape
    of the thread, also when one top-level comment draws hundreds of replies. A reply
    tree longer than what is left of a page goes on at the top of the next page, which
    says so (`continues_from`)."""
    content_type_id, object_pks = comment_target_keys(obj)
    public = Comment.norel_objects.filter(
        content_type_id=content_type_id, object_pk__in=object_pks, is_public=True
    )
    totals = public.aggregate(count=Count("pk", filter=Q(is_removed=False)), rows=Count("pk"))
    per_page = comments_per_page()
    num_pages = max(1, -(-totals["rows"] // per_page))
    number = min(max(1, page), num_pages)
    comments = []
    if totals["rows"]:
        rows = public.order_by("thread_id", "order").only(
            "pk", "thread_id", "parent_id", "level", "order", "user_id", "user_name",
            "body_html", "submit_date", "is_removed", "is_public", "edited_at", "likes_count",
            "author_kind", "redactions", "content_type_id", "object_pk",
        )
        if user.is_authenticated:  # the viewer's likes, in the same statement
            rows = rows.annotate(viewer_liked=Exists(
                CommentReaction.objects.filter(user=user, comment_id=OuterRef("pk"))
            ))
        comments = list(rows[(number - 1) * per_page:number * per_page])
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
    """The page of its target's comments that shows `comment`: its place in the reading
    order of the public comments (the comments of earlier top-level comments' trees, then
    those before it in its own tree). One query."""
    content_type_id, object_pks = comment.content_type_id, [str(comment.object_pk)]
    root_pk = comment.thread_id or comment.pk
    if content_type_id != _thread_content_type_id():
        from wagtail.models import Page

        page = Page.objects.filter(pk=int(comment.object_pk)).only("translation_key").first()
        if page is not None:
            _ct, object_pks = comment_target_keys(page)
    before = Comment.norel_objects.filter(
        Q(thread_id__lt=root_pk) | Q(thread_id=root_pk, order__lt=comment.order),
        content_type_id=content_type_id, object_pk__in=object_pks, is_public=True,
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
