"""The unit queue: threads waiting for a unit, overdue first, then by deadline."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from ...permissions import check_can_view_queue
from .. import selectors
from ..forms import UnitFilterForm


@login_required
def unit_queue(request):
    check_can_view_queue(user=request.user)
    form = UnitFilterForm(request.GET or None, units=selectors.unit_list_for_forum())
    unit = form.cleaned_data.get("unit") if form.is_bound and form.is_valid() else None
    queue = selectors.unit_queue(user=request.user, unit=unit)
    page = Paginator(queue.threads, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "discussions/unit_queue.html", {
        "queue": queue, "page_obj": page, "threads": page.object_list, "filter_form": form,
        "query": query.urlencode(),
    })
