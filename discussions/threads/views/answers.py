"""Publishing and editing official answers, and an answer's public edit history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum_site.accounts.decorators import consent_required

from ...forms import errors_from
from ...models import OfficialAnswer, Thread
from ...permissions import check_can_answer, check_can_edit_answer, check_can_view_thread
from .. import selectors, services
from ..diff import line_diff
from ..forms import AnswerEditForm, AnswerForm
from ._render import render_thread


@login_required
@consent_required
@require_POST
def answer_publish(request, pk: int):
    """The ASN endpoint. Anyone else gets 403 whatever the form says."""
    try:
        thread = selectors.thread_detail(pk=pk)
    except Thread.DoesNotExist as exc:
        raise Http404 from exc
    check_can_view_thread(user=request.user, thread=thread)
    check_can_answer(user=request.user, thread=thread)
    form = AnswerForm(request.POST)
    if form.is_valid() and "preview" in request.POST:
        return render_thread(request, thread, forms={"answer": form},
                             text_preview=services.text_preview(body=form.cleaned_data["body"]))
    if form.is_valid():
        try:
            answer = services.answer_publish(
                user=request.user, thread=thread, body=form.cleaned_data["body"],
                expected_answer_count=form.cleaned_data["seen_answers"],
                # Not fields of the form: a forged decision reaches the service, which
                # refuses it (403) unless the user is PPID staff.
                decision=request.POST.get("decision", ""),
                refusal_ground=request.POST.get("refusal_ground", ""),
            )
        except services.AnswerConflict as exc:
            return _conflict(request, pk, exc)
        except ValidationError as exc:
            errors_from(exc, form)
        else:
            messages.success(request, _("Your official answer is published."))
            return redirect(f"{thread.get_absolute_url()}#{answer.anchor}")
    return render_thread(request, thread, forms={"answer": form})


def _conflict(request, pk: int, exc: ValidationError):
    """Show the thread with the other answer, keep the writer's text, and accept it on
    the next submit (409: nothing was saved, nothing was lost)."""
    thread = selectors.thread_detail(pk=pk)
    data = request.POST.copy()
    data["seen_answers"] = str(thread.answers_count)
    form = AnswerForm(data)
    form.is_valid()
    form.add_error(None, exc)
    return render_thread(request, thread, forms={"answer": form}, status=409, conflict=True)


def _answer(request, pk: int) -> OfficialAnswer:
    """The answer, if the visitor may see its thread (404 otherwise)."""
    try:
        answer = selectors.answer_detail(pk=pk)
    except OfficialAnswer.DoesNotExist as exc:
        raise Http404 from exc
    check_can_view_thread(user=request.user, thread=answer.thread)
    return answer


@login_required
@consent_required
def answer_edit(request, pk: int):
    answer = _answer(request, pk)
    check_can_edit_answer(user=request.user, answer=answer)
    form = AnswerEditForm(request.POST or None, initial={"body": answer.body})
    text = None
    if request.method == "POST" and form.is_valid() and "preview" in request.POST:
        text = services.text_preview(body=form.cleaned_data["body"])
    elif request.method == "POST" and form.is_valid():
        try:
            services.answer_edit(user=request.user, answer=answer, body=form.cleaned_data["body"])
        except ValidationError as exc:
            errors_from(exc, form)
        else:
            messages.success(request, _("The answer was updated. The earlier text stays in "
                                        "its public history."))
            return redirect(f"{answer.thread.get_absolute_url()}#{answer.anchor}")
    return render(request, "discussions/answer_form.html", {
        "form": form, "answer": answer, "thread": answer.thread, "text_preview": text})


def answer_history(request, pk: int):
    """Every edit of an official answer: who, when, and what changed."""
    answer = _answer(request, pk)
    revisions = [
        {"revision": revision, "diff": line_diff(revision.previous_body, revision.new_body)}
        for revision in selectors.answer_revisions(answer=answer)
    ]
    return render(request, "discussions/answer_history.html", {
        "answer": answer, "thread": answer.thread, "revisions": revisions,
    })
