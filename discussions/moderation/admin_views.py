"""Wagtail admin screens for moderators: the forum's threads with re-route and close.
They call the same services as the public moderator panel (which check the role)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ..forms import errors_from
from ..models import ModerationRule, Thread, ThreadStatus
from ..permissions import check_can_moderate_threads
from ..threads import lifecycle, services
from ..threads import selectors as thread_selectors
from ..threads.forms import CloseForm, RerouteForm
from . import selectors
from . import services as moderation_services


def thread_index(request):
    check_can_moderate_threads(user=request.user)
    status = request.GET.get("status") or ""
    if status not in (*ThreadStatus.values, thread_selectors.OVERDUE):
        status = ""
    threads = thread_selectors.thread_list_public(status=status or None)
    page = Paginator(threads, 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "discussions/admin/thread_index.html", {
        "page_obj": page, "threads": page.object_list, "status": status,
        "statuses": [("", _("All")), *ThreadStatus.choices,
                     (thread_selectors.OVERDUE, _("Overdue"))],
    })


def thread_moderate(request, pk: int):
    check_can_moderate_threads(user=request.user)
    try:
        thread = thread_selectors.thread_detail(pk=pk)
    except Thread.DoesNotExist as exc:
        raise Http404 from exc
    units = thread_selectors.unit_list_for_forum().exclude(pk=thread.unit_id)
    action = request.POST.get("action")
    reroute = RerouteForm(request.POST if action == "reroute" else None, units=units)
    close = CloseForm(request.POST if action == "close" else None)
    form = reroute if action == "reroute" else close if action == "close" else None
    if form is not None and form.is_valid():
        try:
            _moderate(request.user, thread, action, form.cleaned_data)
        except ValidationError as exc:
            errors_from(exc, form)
        else:
            messages.success(request, _("The thread was updated."))
            return redirect("discussions_admin:thread_index")
    return TemplateResponse(request, "discussions/admin/thread_moderate.html", {
        "thread": thread, "reroute_form": reroute, "close_form": close,
        "can": lifecycle.can(request.user, thread),
        "events": thread_selectors.thread_events(thread=thread),
        "flags": selectors.thread_flags(thread=thread),
    })


def _moderate(user, thread, action, data):
    if action == "reroute":
        services.thread_reroute(moderator=user, thread=thread, unit=data["unit"],
                                reason=data["reason"])
    else:
        services.thread_close(moderator=user, thread=thread, reason_kind=data["reason_kind"],
                              reason=data["reason"], duplicate_of=data.get("duplicate_thread"))


# --- the moderation queue -------------------------------------------------------------------


def moderation_queue(request):
    """Comments and threads waiting for a moderator, with their context. Each item has
    its own small form (approve / reject / hide / restore, with a published rule); ticked
    items can also take one decision together (the bulk form at the end).
    `?show=hidden` lists hidden and rejected comments and threads, to restore them."""
    from django.views.defaults import permission_denied

    from ..permissions import can_moderate
    from .forms import ModerationForm, QueueFilterForm

    if not can_moderate(request.user):
        # A real 403 (Wagtail would turn PermissionDenied into a redirect to its home).
        return permission_denied(request, PermissionDenied())
    show = "hidden" if request.GET.get("show") == "hidden" else "waiting"
    filters = QueueFilterForm(request.GET or None)
    area = older = None
    if filters.is_valid():
        area, older = filters.cleaned_data["area"] or None, filters.cleaned_data["older_than"]
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            changed = _decide(request.user, form.cleaned_data)
        except ValidationError as exc:
            errors_from(exc, form)
        else:
            messages.success(request, _("%(n)s item(s) updated.") % {"n": changed})
            return redirect(request.get_full_path())
    comments, threads = selectors.moderation_queue_items(show=show, area=area, older=older)
    for item in (*comments, *threads):
        item.actions = moderation_services.available_actions(item)
    return TemplateResponse(request, "discussions/admin/moderation_queue.html", {
        "comments": comments, "threads": threads, "form": form, "filters": filters,
        "show": show, "rules": ModerationRule.choices,
    })


def _decide(user, data) -> int:
    changed = 0
    if data["comments"]:
        changed += moderation_services.comments_moderate(
            moderator=user, comment_ids=data["comments"], action=data["action"],
            rule=data["rule"], note=data["note"],
        )
    if data["threads"]:
        changed += moderation_services.threads_moderate(
            moderator=user, thread_ids=data["threads"], action=data["action"],
            rule=data["rule"], note=data["note"],
        )
    return changed
