"""The forum list, a thread page and the new-thread form."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from forum_site.accounts.decorators import consent_required
from forum_site.core.ratelimit import client_ip

from ...faq import selectors as faq_selectors
from ...forms import errors_from
from ...models import Thread, ThreadVisibility
from ...permissions import check_can_create_thread, check_can_view_thread
from .. import selectors, services
from ..forms import ThreadFilterForm, ThreadForm
from ._render import render_thread


def thread_list(request):
    """Every thread, newest first, filtered by status, kind, topic and unit (in the URL)."""
    form = ThreadFilterForm(
        request.GET or None,
        categories=selectors.category_list_active(),
        units=selectors.unit_list_for_forum(),
    )
    filters = form.filters() if request.GET else {}
    threads = selectors.thread_list_public(**filters)
    page = Paginator(threads, settings.SERAMBI_FORUM_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "discussions/thread_list.html", {
        "filter_form": form, "page_obj": page, "threads": page.object_list,
        "filtered": bool(filters), "query": query.urlencode(),
        "categories": form.fields["category"].queryset,
    })


def thread_detail(request, pk: int):
    try:
        thread = selectors.thread_detail(pk=pk)
    except Thread.DoesNotExist as exc:
        raise Http404 from exc
    check_can_view_thread(user=request.user, thread=thread)
    return render_thread(request, thread)


@login_required
@consent_required
def thread_create(request):
    """Open a thread. A first submission with similar existing threads shows them before
    posting; the second posts. Counts against the per-hour limit (429 when over)."""
    check_can_create_thread(user=request.user)
    page = selectors.linkable_page(pk=request.POST.get("about") or request.GET.get("about"))
    categories, units = selectors.category_list_active(), selectors.unit_list_for_forum()
    initial = {"about": page.pk if page else None, "category": request.GET.get("category")}
    form = ThreadForm(request.POST or None, categories=categories, units=units, initial=initial)
    similar, faqs, preview, text = [], [], None, None
    if request.method == "POST" and form.is_valid() and "preview" in request.POST:
        text = services.text_preview(body=form.cleaned_data["body"])
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data["similar_checked"]:
            faqs = faq_selectors.similar_faqs(title=data["title"])
            similar = selectors.similar_threads(title=data["title"])
        if not data["masking_seen"]:
            preview = services.thread_masking_preview(title=data["title"], body=data["body"])
            preview = preview if preview.kinds else None
        if similar or faqs or preview:
            form = _confirmed(request.POST, categories=categories, units=units,
                              masking_seen=preview is not None)
        else:
            try:
                thread = services.thread_create(
                    author=request.user, title=data["title"], body=data["body"],
                    kind=data["kind"], category=data["category"], unit=data["unit"],
                    publication_page=page, ip=client_ip(request),
                )
            except ValidationError as exc:
                errors_from(exc, form)
            else:
                messages.success(request, _thread_created_message(thread))
                return redirect(thread)
    return render(request, "discussions/thread_form.html", {
        "form": form, "similar": similar, "faqs": faqs, "about_page": page, "preview": preview,
        "text_preview": text,
    })


def _thread_created_message(thread: Thread) -> str:
    if thread.visibility == ThreadVisibility.WAITING:
        return _("Your thread was received and is awaiting moderation: only you can see it "
                 "until a moderator approves it; then it is published and sent to %(unit)s.") % {
            "unit": thread.unit.name}
    return _("Your thread is published and was sent to %(unit)s.") % {"unit": thread.unit.name}


def _confirmed(data, *, masking_seen: bool = False, **kwargs) -> ThreadForm:
    """The same form, marked as 'similar threads seen' (and 'masking seen' when the
    author was shown it), so the next submit posts."""
    data = data.copy()
    data["similar_checked"] = "on"
    if masking_seen:
        data["masking_seen"] = "on"
    form = ThreadForm(data, **kwargs)
    form.is_valid()
    return form

