"""FAQ: the list per unit and topic, an entry's page, and turning a resolved thread with
an official answer into an entry."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from forum_site.accounts.decorators import consent_required

from ..forms import errors_from
from ..models import FaqEntry
from ..permissions import check_can_answer
from ..threads import selectors as thread_selectors
from ..threads.views.actions import _thread
from . import selectors
from . import services as faq_services
from .forms import FaqFilterForm, FaqForm
from .services import faq_source_answer


@require_safe
def faq_list(request):
    form = FaqFilterForm(request.GET or None, units=thread_selectors.unit_list_for_forum(),
                         categories=thread_selectors.category_list_active())
    valid = form.is_valid() if form.is_bound else True
    data = form.cleaned_data if form.is_bound and valid else {}
    entries = selectors.faq_list(unit=data.get("unit"), category=data.get("category"))
    return render(request, "discussions/faq_list.html", {
        "form": form, "entries": entries[:200], "today": timezone.localdate(),
    }, status=200 if valid else 400)


@require_safe
def faq_detail(request, pk: int):
    entry = selectors.faqs_public().filter(pk=pk).first()
    if entry is None:
        raise Http404
    return render(request, "discussions/faq_detail.html", {
        "entry": entry, "today": timezone.localdate()})


@login_required
@consent_required
def faq_promote(request, pk: int):
    """The unit's verified ASN or a moderator make (or update) the thread's FAQ entry."""
    thread = _thread(request, pk)
    check_can_answer(user=request.user, thread=thread)
    entry = FaqEntry.objects.filter(thread=thread).first()
    source = faq_source_answer(thread)
    if entry is not None:
        initial = {"question": entry.question, "answer": entry.answer,
                   "question_en": entry.question_en, "answer_en": entry.answer_en,
                   "review_by": entry.review_by}
    else:
        initial = {"question": thread.title, "answer": source.body if source else "",
                   "review_by": timezone.localdate() + dt.timedelta(days=365)}
    form = FaqForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry = faq_services.faq_save(user=request.user, thread=thread, **form.cleaned_data)
        except ValidationError as exc:
            errors_from(exc, form)
        else:
            messages.success(request, _("The FAQ entry is published."))
            return redirect(entry)
    return render(request, "discussions/faq_form.html", {
        "thread": thread, "form": form, "entry": entry, "source": source,
    }, status=400 if request.method == "POST" else 200)
