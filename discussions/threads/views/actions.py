"""Buttons and small forms on a thread page: support, follow, confirm, dispute,
acknowledge, extend, re-route, close. Each is a POST; without JavaScript the page reloads
with a message, or shows again with the form's errors."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum_site.accounts.decorators import consent_required

from ...forms import errors_from
from ...models import Thread
from ...permissions import (
    check_can_answer,
    check_can_moderate_threads,
    check_can_react,
    check_can_view_thread,
    check_is_asker,
)
from .. import selectors, services
from ..forms import AcknowledgeForm, CloseForm, DisputeForm, ExtendForm, RerouteForm
from ._render import render_thread


def _thread(request, pk: int) -> Thread:
    """The thread, if the visitor may see it (404 otherwise, as on its page)."""
    try:
        thread = selectors.thread_detail(pk=pk)
    except Thread.DoesNotExist as exc:
        raise Http404 from exc
    check_can_view_thread(user=request.user, thread=thread)
    return thread


def _run(request, pk: int, *, check: Callable, action: Callable, done: str,
         form_name: str | None = None, form_factory: Callable | None = None):
    """Check permission (403 before anything else), validate the form, call the service,
    then redirect with a message or show the thread again with the errors."""
    thread = _thread(request, pk)
    check(user=request.user, thread=thread)
    form = form_factory(request.POST) if form_factory else None
    if form is not None and not form.is_valid():
        return render_thread(request, thread, forms={form_name: form})
    try:
        action(thread, form.cleaned_data if form is not None else {})
    except ValidationError as exc:
        if form is None:
            messages.error(request, " ".join(exc.messages))
            return redirect(thread)
        errors_from(exc, form)
        return render_thread(request, thread, forms={form_name: form})
    messages.success(request, done)
    return redirect(thread)


def _signed_in(*, user, thread):
    check_can_react(user=user)


@login_required
@consent_required
@require_POST
def thread_support(request, pk: int):
    undo = request.POST.get("undo") == "1"
    service = services.thread_unsupport if undo else services.thread_support
    return _run(
        request, pk, check=_signed_in,
        action=lambda thread, _data: service(user=request.user, thread=thread),
        done=_("Your support was withdrawn.") if undo else _("Your support was counted."),
    )


@login_required
@consent_required
@require_POST
def thread_follow(request, pk: int):
    undo = request.POST.get("undo") == "1"
    service = services.thread_unfollow if undo else services.thread_follow
    return _run(
        request, pk, check=_signed_in,
        action=lambda thread, _data: service(user=request.user, thread=thread),
        done=_("You no longer follow this thread.") if undo else _(
            "You follow this thread. We will tell you about new official answers."),
    )


@login_required
@consent_required
@require_POST
def thread_confirm(request, pk: int):
    return _run(
        request, pk, check=check_is_asker,
        action=lambda thread, _data: services.thread_confirm_resolved(
            user=request.user, thread=thread),
        done=_("Thank you. The thread is marked as resolved."),
    )


@login_required
@consent_required
@require_POST
def thread_dispute(request, pk: int):
    return _run(
        request, pk, check=check_is_asker, form_name="dispute", form_factory=DisputeForm,
        action=lambda thread, data: services.thread_dispute(
            user=request.user, thread=thread, reason=data["reason"]),
        done=_("The thread is reopened and the unit has been told."),
    )


@login_required
@consent_required
@require_POST
def thread_acknowledge(request, pk: int):
    return _run(
        request, pk, check=check_can_answer, form_name="acknowledge",
        form_factory=AcknowledgeForm,
        action=lambda thread, data: services.thread_acknowledge(
            user=request.user, thread=thread, note=data["note"]),
        done=_("The asker can now see that the unit has received the thread."),
    )


@login_required
@consent_required
@require_POST
def thread_extend(request, pk: int):
    return _run(
        request, pk, check=check_can_answer, form_name="extend", form_factory=ExtendForm,
        action=lambda thread, data: services.thread_extend(
            user=request.user, thread=thread, reason=data["reason"]),
        done=_("The deadline was extended. The reason is shown on the thread."),
    )


def _moderator(*, user, thread):
    check_can_moderate_threads(user=user)


@login_required
@consent_required
@require_POST
def thread_reroute(request, pk: int):
    return _run(
        request, pk, check=_moderator, form_name="reroute",
        form_factory=lambda data: RerouteForm(data, units=selectors.unit_list_for_forum()),
        action=lambda thread, data: services.thread_reroute(
            moderator=request.user, thread=thread, unit=data["unit"], reason=data["reason"]),
        done=_("The thread was sent to the new unit."),
    )


@login_required
@consent_required
@require_POST
def thread_close(request, pk: int):
    return _run(
        request, pk, check=_moderator, form_name="close", form_factory=CloseForm,
        action=lambda thread, data: services.thread_close(
            moderator=request.user, thread=thread, reason_kind=data["reason_kind"],
            reason=data["reason"], duplicate_of=data.get("duplicate_thread")),
        done=_("The thread is closed. The reason is shown on it."),
    )
