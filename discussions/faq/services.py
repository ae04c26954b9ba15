"""FAQ entries from answered threads: made (or updated) by the unit's verified ASN or a
moderator; flagged for review when the source official answer is edited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import clock
from ..models import OfficialAnswer, Thread
from ..permissions import check_can_answer
from ..text import normalise_text, normalise_title, render_markdown
from ..threads import lifecycle
from ..threads.services.common import public_text, record_masking, state_error
from ..threads.sla import local_today
from .models import FAQ_QUESTION_MAX_LENGTH, FaqEntry, FaqReviewReason


def faq_source_answer(thread: Thread) -> OfficialAnswer | None:
    """The official answer an entry is built from: the thread's latest."""
    return thread.answers.order_by("-created_at", "-pk").first()


def faq_changed(entry_ids) -> None:
    from search.services import index_later

    index_later("faq", list(entry_ids))


@transaction.atomic
def faq_save(*, user, thread: Thread, question: str, answer: str, review_by: dt.date,
             question_en: str = "", answer_en: str = "") -> FaqEntry:
    """Make (or update) the FAQ entry of a resolved thread with an official answer. The
    texts are masked like every public text; saving clears the review flag."""
    check_can_answer(user=user, thread=thread)
    lifecycle.check(thread, "make_faq")  # resolved and public
    source = faq_source_answer(thread)
    if source is None:
        raise state_error(_("Only a thread with an official answer can become a FAQ entry."))
    if review_by <= local_today():
        raise ValidationError({"review_by": _("Choose a review date in the future.")})
    masked: set[str] = set()
    question = public_text(normalise_title(question), masked=masked)
    answer = public_text(normalise_text(answer), masked=masked)
    question_en = public_text(normalise_title(question_en), masked=masked)
    answer_en = public_text(normalise_text(answer_en), masked=masked)
    if len(question) > FAQ_QUESTION_MAX_LENGTH:
        raise ValidationError({"question": _("Keep the question under %(max)s characters.")
                               % {"max": FAQ_QUESTION_MAX_LENGTH}})
    entry = FaqEntry.objects.filter(thread=thread).first() or FaqEntry(
        thread=thread, created_by=user, created_at=clock.now())
    entry.source_answer = source
    entry.unit_id, entry.category_id = thread.unit_id, thread.category_id
    entry.question, entry.answer = question, answer
    entry.question_en, entry.answer_en = question_en, answer_en
    entry.answer_html = render_markdown(answer)
    entry.answer_en_html = render_markdown(answer_en) if answer_en else ""
    entry.review_by = review_by
    entry.review_reason = FaqReviewReason.NONE
    entry.updated_at = clock.now()
    entry.full_clean(exclude=["thread", "source_answer", "unit", "category", "created_by"])
    entry.save()
    record_masking(thread_id=thread.pk, masked=masked)
    faq_changed([entry.pk])
    return entry


def faq_flag_source_edited(*, answer: OfficialAnswer) -> int:
    """The official answer behind FAQ entries was edited: flag them for review."""
    ids = list(FaqEntry.objects.filter(source_answer=answer).values_list("pk", flat=True))
    if ids:
        FaqEntry.objects.filter(pk__in=ids).update(
            review_reason=FaqReviewReason.SOURCE_EDITED, updated_at=clock.now())
        faq_changed(ids)
    return len(ids)
