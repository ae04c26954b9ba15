"""How the forum appears in search (see search/records.py): threads, official answers and
approved comments.

What is public starts from `selectors.threads_public()` / `answers_public()`, so anything
moderation hides there leaves the index at the next write. Every change to a thread goes
through `threads.services.events.record_event`, which calls `thread_changed` here: the thread and
its answers are re-projected after commit (a hidden thread takes its answers with it).

Comments start from `selectors.comments_public()` (approved, every ancestor shown, not
deleted, on a public thread); comments on pages also need their page published. Their
record carries the masked public text and the title of what they comment on, never the
author's name (anonymous visitors' names are personal data). The comment and moderation
services call `comment_changed` / `thread_changed` after commit."""

from __future__ import annotations

import html

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from publications.search_records import owner_fields
from search.records import Projection, SearchRecord, msgid, register

from .comments import selectors as comment_selectors
from .faq import selectors as faq_selectors
from .models import Comment, OfficialAnswer, Thread, ThreadKind, ThreadStatus
from .threads import selectors


def plain(body_html: str) -> str:
    """The text a reader sees (Markdown rendered, tags removed), not the Markdown source."""
    return html.unescape(strip_tags(body_html or ""))


def _status(thread) -> dict:
    return {
        "status": thread.status,
        "status_label": msgid(ThreadStatus(thread.status).label, context="thread status"),
        "answered": thread.answers_count > 0,
    }


def _category(thread) -> dict:
    category = thread.category
    return {
        "unit": thread.unit.slug,
        "unit_label": thread.unit.name,
        "category": category.slug,
        "category_label": category.name,
        "kind": thread.kind,
    }


class ThreadProjection(Projection):
    type = "thread"
    label = _("Forum thread")
    order = 50

    def public_ids(self):
        return selectors.threads_public().order_by("pk").values_list("pk", flat=True)

    def records(self, ids):
        threads = selectors.threads_public().filter(pk__in=list(ids))
        return [
            SearchRecord(
                type=self.type, id=thread.pk, url=thread.get_absolute_url(),
                title=thread.title, body=plain(thread.body_html) or thread.body,
                language="id", all_languages=True,
                date=timezone.localdate(thread.created_at), updated_at=thread.updated_at,
                extra={"kind_label": msgid(ThreadKind(thread.kind).label,
                                           context="thread kind")},
                **_category(thread), **_status(thread),
            )
            for thread in threads
        ]


class AnswerProjection(Projection):
    type = "answer"
    label = _("Official answer")
    order = 55

    def public_ids(self):
        return selectors.answers_public().order_by("pk").values_list("pk", flat=True)

    def records(self, ids):
        answers = selectors.answers_public().filter(pk__in=list(ids)).select_related(
            "thread__category"
        )
        return [
            SearchRecord(
                type=self.type, id=answer.pk,
                url=f"{answer.thread.get_absolute_url()}#{answer.anchor}",
                title=answer.thread.title,
                body="\n".join([plain(answer.body_html) or answer.body, answer.signer_unit]),
                language="id", all_languages=True,
                date=timezone.localdate(answer.created_at),
                updated_at=answer.edited_at or answer.created_at,
                **_category(answer.thread), **_status(answer.thread),
            )
            for answer in answers
        ]


class CommentProjection(Projection):
    type = "comment"
    label = _("Comment")
    order = 60

    def public_ids(self):
        return self._public().order_by("pk").values_list("pk", flat=True)

    def records(self, ids):
        comments = list(self._public().filter(pk__in=list(ids)).select_related("content_type"))
        threads, pages = self._targets(comments)
        page_fields = {pk: owner_fields(page) for pk, page in pages.items()}  # once a page
        records = []
        for comment in comments:
            pk = int(comment.object_pk)
            if comment.content_type.model == "thread":
                thread = threads.get(pk)
                if thread is None:
                    continue
                fields = {**_category(thread), **_status(thread),
                          "url": _permalink(comment),
                          "title": thread.title, "collapse_key": f"thread:{pk}"}
            else:
                page = pages.get(pk)
                if page is None:
                    continue  # the page is not published (or restricted): nor its comments
                fields = {**page_fields[pk],
                          "url": _permalink(comment),
                          "title": page.title, "collapse_key": f"page:{pk}"}
            records.append(SearchRecord(
                type=self.type, id=comment.pk,
                body=plain(comment.body_html) or comment.comment,
                language="id", all_languages=True,
                date=timezone.localdate(comment.submit_date),
                updated_at=comment.edited_at or comment.submit_date,
                **fields,
            ))
        return records

    @staticmethod
    def _public():
        return comment_selectors.comments_public().filter(content_type__model__in=_TARGET_MODELS)

    @staticmethod
    def _targets(comments) -> tuple[dict, dict]:
        """Public threads and published pages the comments are on (one query per type)."""
        from wagtail.models import Page

        from publications.selectors import published

        thread_ids = {int(c.object_pk) for c in comments if c.content_type.model == "thread"}
        page_ids = {int(c.object_pk) for c in comments if c.content_type.model != "thread"}
        threads = {t.pk: t for t in selectors.threads_public().filter(pk__in=thread_ids)
                   .select_related("unit", "category")} if thread_ids else {}
        pages = {}
        if page_ids:
            pages = {p.pk: p for p in published(Page.objects.filter(pk__in=page_ids))
                     .specific()}
        return threads, pages


_TARGET_MODELS = ("thread", "trainingprogrampage", "outcomepage")


class FaqProjection(Projection):
    """FAQ entries: their own record type (question, answer from the Jawaban Resmi, the
    unit and topic), public while their source thread is."""

    type = "faq"
    label = _("FAQ")
    order = 45

    def public_ids(self):
        return faq_selectors.faqs_public().order_by("pk").values_list("pk", flat=True)

    def records(self, ids):
        return [
            SearchRecord(
                type=self.type, id=entry.pk, url=entry.get_absolute_url(),
                title=entry.question, body=plain(entry.answer_html),
                language="id", all_languages=True,
                date=entry.updated_at.date(), updated_at=entry.updated_at,
                unit=entry.unit.slug, unit_label=entry.unit.name,
                category=entry.category.slug, category_label=entry.category.name,
                answered=True,
            )
            for entry in faq_selectors.faqs_public().filter(pk__in=list(ids))
        ]


def thread_changed(thread_id: int) -> None:
    """Re-index a thread, its answers and its comments once the current transaction
    commits: they all carry the thread's status, unit and category (issue 19: comment
    results said "Open" after their thread was resolved)."""
    from search.services import index_later

    index_later("thread", [thread_id])
    index_later(
        "answer", OfficialAnswer.objects.filter(thread_id=thread_id).values_list("pk", flat=True)
    )
    index_later("comment", _comment_ids(Thread, [str(thread_id)]))
    from .models import FaqEntry

    index_later("faq", FaqEntry.objects.filter(thread_id=thread_id).values_list("pk", flat=True))


def thread_hidden(thread_id: int) -> None:
    """A thread left public view: the thread, its answers and its comments leave every
    search engine now, inside the moderation's transaction (not when a worker runs the
    queued re-indexing)."""
    from search.services import remove_now

    remove_now("thread", [thread_id])
    remove_now("answer", OfficialAnswer.objects.filter(thread_id=thread_id)
               .values_list("pk", flat=True))
    remove_now("comment", _comment_ids(Thread, [str(thread_id)]))
    from .models import FaqEntry

    remove_now("faq", FaqEntry.objects.filter(thread_id=thread_id).values_list("pk", flat=True))


def comments_hidden(comment_ids) -> None:
    """Comments left public view (rejected, hidden, deleted, or under one that was):
    out of every search engine now."""
    from search.services import remove_now

    remove_now("comment", comment_ids)


def comment_changed(comment_id: int) -> None:
    """A comment appeared on or disappeared from public pages (its replies are told
    separately by the comment service when their own visibility changes)."""
    from search.services import index_later

    index_later("comment", [comment_id])


def page_comments_changed(page) -> None:
    """A program or outcome page was published, unpublished or restricted."""
    from search.services import index_later

    index_later("comment", _comment_ids(page, None))


def _comment_ids(model_or_obj, object_pks):
    from django.contrib.contenttypes.models import ContentType

    if object_pks is None:
        content_type_id, object_pks = comment_selectors.comment_target_keys(model_or_obj)
    else:
        content_type_id = ContentType.objects.get_for_model(model_or_obj).pk
    return Comment.objects.filter(
        content_type_id=content_type_id, object_pk__in=object_pks
    ).values_list("pk", flat=True)


def _page_changed(sender, instance, **kwargs):
    page_comments_changed(instance)


def connect_signals() -> None:
    """Comments on a program or outcome follow their page in and out of search."""
    from wagtail.signals import page_published, page_unpublished

    from publications.models import OutcomePage, TrainingProgramPage

    for model in (TrainingProgramPage, OutcomePage):
        for signal in (page_published, page_unpublished):
            signal.connect(_page_changed, sender=model,
                           dispatch_uid=f"search-comments-{model.__name__}")


def _permalink(comment) -> str:
    """The comment's lasting address (it redirects to the page of comments holding it:
    a long thread's comments are paged). Comment records are Indonesian (shown in both
    languages), so the Indonesian address."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override("id"):
        return reverse("discussions:comment_permalink", args=[comment.pk])


def register_projections() -> None:
    """This app's search projections (AppConfig.ready())."""
    for projection in (ThreadProjection, AnswerProjection, CommentProjection, FaqProjection):
        register(projection)
