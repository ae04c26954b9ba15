"""The thread page, shared by its GET view and by actions that show it again with a
form's errors."""

from __future__ import annotations

from django.shortcuts import render

from ...models import Thread, ThreadStatus, ThreadVisibility
from ...permissions import can_answer, can_moderate, can_see_private_details, is_asker
from ...ppid import selectors as ppid_selectors
from ...text import plain_excerpt
from .. import lifecycle, selectors
from ..forms import AcknowledgeForm, AnswerForm, CloseForm, DisputeForm, ExtendForm, RerouteForm
from ..lapor import lapor_handoff
from ..structured_data import thread_structured_data


def render_thread(request, thread: Thread, *, forms: dict | None = None, status: int = 200,
                  conflict: bool = False, text_preview=None):
    user = request.user
    answers = selectors.thread_answers(thread=thread)
    answerer = can_answer(user, thread)
    moderator = can_moderate(user)
    asker = is_asker(user, thread)
    # The steps this visitor may take now, from the one table (`lifecycle.TRANSITIONS`):
    # each gets its form; a form passed in (with its errors) is shown whatever the step.
    can = lifecycle.can(user, thread)
    forms = forms or {}
    form_for = {
        "answer": lambda: AnswerForm(initial={"seen_answers": len(answers)}),
        "acknowledge": AcknowledgeForm,
        "extend": ExtendForm,
        "dispute": DisputeForm,
        "close": CloseForm,
        "reroute": lambda: RerouteForm(
            units=selectors.unit_list_for_forum().exclude(pk=thread.unit_id)),
    }
    for step, make_form in form_for.items():
        if can[step] and step not in forms:
            forms[step] = make_form()
    context = {
        "ppid": _ppid_context(user, thread, forms, asker=asker, can=can),
        "survey": _survey_state(thread) if asker else None,
        "lapor": lapor_handoff(thread) if asker else None,
        "faq_entry": _faq_entry(thread, answers),
        "can_make_faq": can["make_faq"] and bool(answers),
        "can": can,
        "thread": thread,
        "answers": answers,
        "events": selectors.thread_events(thread=thread),
        "viewer": selectors.viewer_state(user=user, thread=thread),
        "can_answer": answerer,
        "private_details": (selectors.thread_private_details(thread=thread)
                            if can_see_private_details(user, thread) else []),
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


def _ppid_context(user, thread: Thread, forms: dict, *, asker: bool,
                  can: dict) -> dict | None:
    """The public-information path on an information request's page: its registration,
    decision and objection, and the forms the visitor's role allows now."""
    if not thread.is_information_request:
        return None
    from ...permissions import can_view_case, is_ppid_superior
    from ...ppid.forms import DecisionForm, ObjectionAnswerForm, ObjectionForm
    from ...ppid.services import komisi_open, objection_window
    from ..sla import local_today

    registered = ppid_selectors.request_for(thread=thread)
    if registered is None:
        return None
    decision = ppid_selectors.decision_of(registered)
    objection = ppid_selectors.objection_of(registered)
    window = objection_window(thread=thread) if objection is None else None
    published = thread.visibility == ThreadVisibility.PUBLISHED
    if can["decide"]:
        forms.setdefault("decision", DecisionForm())
    if published and asker and window is not None and local_today() <= window[1]:
        forms.setdefault("objection", ObjectionForm())
    if (published and objection is not None and objection.answered_at is None
            and is_ppid_superior(user)):
        forms.setdefault("objection_answer", ObjectionAnswerForm())
    return {
        "registered": registered, "decision": decision, "objection": objection,
        "attachments": ppid_selectors.attachments_of(decision),
        "window": window, "can_view_case": can_view_case(user, thread),
        "komisi_open": asker and komisi_open(objection),
    }


def _survey_state(thread: Thread) -> dict | None:
    """The asker's invitation to the satisfaction survey (or their recorded response).
    A thread never resolved has neither: no query then."""
    from ...survey.services import survey_is_open, survey_response_editable
    from ...survey.skm import survey_response_for

    if thread.resolved_at is None and thread.status != ThreadStatus.RESOLVED:
        return None
    response = survey_response_for(thread=thread)
    if response is None and not survey_is_open(thread):
        return None
    return {"response": response, "editable": survey_response_editable(response)}


def _faq_entry(thread: Thread, answers) -> object | None:
    """The FAQ entry made from this thread: only a thread with an official answer can
    have one (no query otherwise)."""
    from ...models import FaqEntry

    if not answers:
        return None
    return FaqEntry.objects.filter(thread=thread).first()
