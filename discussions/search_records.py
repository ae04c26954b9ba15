"""How the forum appears in search (see search/records.py): threads and official answers.

What is public starts from `selectors.threads_public()` / `answers_public()`, so anything
moderation hides there leaves the index at the next write. Every change to a thread goes
through `services.events.record_event`, which calls `thread_changed` here: the thread and
its answers are re-projected after commit (a hidden thread takes its answers with it)."""

from __future__ import annotations

import html

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from search.records import Projection, SearchRecord, msgid, register

from . import selectors
from .models import OfficialAnswer, ThreadKind, ThreadStatus


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


@register
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
                date=thread.created_at.date(), updated_at=thread.updated_at,
                extra={"kind_label": msgid(ThreadKind(thread.kind).label,
                                           context="thread kind")},
                **_category(thread), **_status(thread),
            )
            for thread in threads
        ]


@register
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
                date=answer.created_at.date(), updated_at=answer.edited_at or answer.created_at,
                **_category(answer.thread), **_status(answer.thread),
            )
            for answer in answers
        ]


def thread_changed(thread_id: int) -> None:
    """Re-index a thread and its answers once the current transaction commits."""
    from search.services import index_later

    index_later("thread", [thread_id])
    index_later(
        "answer", OfficialAnswer.objects.filter(thread_id=thread_id).values_list("pk", flat=True)
    )
