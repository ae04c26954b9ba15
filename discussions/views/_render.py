"""The thread page, shared by its GET view and by actions that show it again with a
form's errors."""

from __future__ import annotations

from django.shortcuts import render

from .. import selectors
from ..forms import (
    AcknowledgeForm,
    AnswerForm,
    CloseForm,
    DisputeForm,
    ExtendForm,
    RerouteForm,
)
from ..models import AWAITING_UNIT, Thread, ThreadStatus, ThreadVisibility
from ..permissions import can_answer, can_moderate, is_asker
from ..structured_data import thread_structured_data
from ..text import plain_excerpt


def render_thread(request, thread: Thread, *, forms: dict | None = None, status: int = 200,
                  conflict: bool = False, text_preview=None):
    user = request.user
    answers = selectors.thread_answers(thread=thread)
    answerer = can_answer(user, thread)
    moderator = can_moderate(user)
    asker = is_asker(user, thread)
    forms = forms or {}
    if (answerer and thread.status in (*AWAITING_UNIT, ThreadStatus.ANSWERED)
            and thread.visibility == ThreadVisibility.PUBLISHED):
        forms.setdefault(
            "answer", AnswerForm(initial={"seen_answers": len(answers)}, thread=thread)
        )
        if thread.status in AWAITING_UNIT and thread.first_response_at is None:
            forms.setdefault("acknowledge", AcknowledgeForm())
        if (thread.is_information_request and thread.status in AWAITING_UNIT
                and thread.extended_at is None):
            forms.setdefault("extend", ExtendForm())
    if asker and thread.status == ThreadStatus.ANSWERED:
        forms.setdefault("dispute", DisputeForm())
    if moderator and thread.status != ThreadStatus.CLOSED:
        forms.setdefault("close", CloseForm())
        if thread.status in (*AWAITING_UNIT, ThreadStatus.ANSWERED):
            units = selectors.unit_list_for_forum().exclude(pk=thread.unit_id)
            forms.setdefault("reroute", RerouteForm(units=units))
    context = {
        "thread": thread,
        "answers": answers,
        "events": selectors.thread_events(thread=thread),
        "viewer": selectors.viewer_state(user=user, thread=thread),
        "can_answer": answerer,
        "can_moderate": moderator,
        "is_asker": asker,
        "forms": forms,
        "conflict": conflict,
        "text_preview": text_preview,
        "structured_data": thread_structured_data(request, thread, answers),
        "description": plain_excerpt(thread.body, length=160),
        "canonical_url": request.build_absolute_uri(thread.get_absolute_url()),
    }
    return render(request, "discussions/thread_detail.html", context, status=status)
