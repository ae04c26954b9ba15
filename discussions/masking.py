"""Masking what was stored before masking covered it: `manage.py personal_data_remask`.

New text is masked before it is stored (`threads.services.common.public_text`, comments'
`redact`). This re-masks threads (title, body, closing note, extension reason), official answers,
comments (text and shown name) and display names, records a `redact` ledger row per item
changed, and re-indexes what changed in every search engine. Timeline reasons and answer
revisions are append-only (the database refuses updates): the selectors mask them on the
way out instead."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from .models import Comment as CommentModel
from .models import ItemKind, ModerationAction, ModerationLedgerEntry, OfficialAnswer, Thread
from .redaction import redact
from .text import render_markdown
from .threads.services.common import record_masking


def _noop(_message: str) -> None:
    pass


def _masked(value: str, found: set[str], limit: int | None = None) -> str:
    text, kinds = redact(value or "")
    found.update(kinds)
    return text[:limit] if limit else text


@transaction.atomic
def _remask_rows(progress: Callable[[str], None]) -> dict[str, list[int]]:
    changed: dict[str, list[int]] = {"thread": [], "answer": [], "comment": []}
    title_limit = Thread._meta.get_field("title").max_length
    for thread in Thread.objects.only("pk", "title", "body", "close_note",
                                      "extension_reason").iterator():
        found: set[str] = set()
        values = {
            "title": _masked(thread.title, found, title_limit),
            "body": _masked(thread.body, found),
            "close_note": _masked(thread.close_note, found),
            "extension_reason": _masked(thread.extension_reason, found),
        }
        if found:
            values["body_html"] = render_markdown(values["body"])
            Thread.objects.filter(pk=thread.pk).update(**values)
            record_masking(thread_id=thread.pk, masked=found)
            changed["thread"].append(thread.pk)
    progress(f"threads: {len(changed['thread'])} masked")
    for answer in OfficialAnswer.objects.only("pk", "thread_id", "body").iterator():
        found = set()
        body = _masked(answer.body, found)
        if found:
            OfficialAnswer.objects.filter(pk=answer.pk).update(
                body=body, body_html=render_markdown(body))
            record_masking(thread_id=answer.thread_id, masked=found)
            changed["answer"].append(answer.pk)
    progress(f"official answers: {len(changed['answer'])} masked")
    for comment in CommentModel.norel_objects.only(
            "pk", "comment", "user_name", "redactions", "area").iterator():
        found = set()
        text = _masked(comment.comment, found)
        name = _masked(comment.user_name, found, 50)
        if found:
            CommentModel.objects.filter(pk=comment.pk).update(
                comment=text, body_html=render_markdown(text) if text else "",
                user_name=name, redactions=sorted(set(comment.redactions) | found))
            ModerationLedgerEntry.objects.create(
                action=ModerationAction.REDACT, item_kind=ItemKind.COMMENT,
                item_id=comment.pk, area=comment.area, rule="personal_data", automatic=True,
                note=", ".join(sorted(found)))
            changed["comment"].append(comment.pk)
    progress(f"comments: {len(changed['comment'])} masked")
    return changed


def stored_text_remask(*, progress: Callable[[str], None] = _noop) -> dict[str, int]:
    """Re-mask every stored public text and display name, then re-index what changed
    (now, in every engine: a queued task would wait for a worker)."""
    from forum_site.accounts.services import display_names_remask
    from search.services import index_records

    changed = _remask_rows(progress)
    names = display_names_remask()
    progress(f"display names: {names} masked")
    answers = set(changed["answer"]) | set(
        OfficialAnswer.objects.filter(thread_id__in=changed["thread"])
        .values_list("pk", flat=True))
    for record_type, ids in (("thread", changed["thread"]), ("answer", sorted(answers)),
                             ("comment", changed["comment"])):
        for start in range(0, len(ids), 500):
            index_records(record_type=record_type, ids=ids[start:start + 500])
    progress("search index updated")
    return {"threads": len(changed["thread"]), "answers": len(changed["answer"]),
            "comments": len(changed["comment"]), "display_names": names}
