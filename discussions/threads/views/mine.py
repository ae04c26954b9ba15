"""'Diskusi saya' and 'Diikuti': a signed-in user's own threads and the threads they
follow, each with its status and the next deadline the unit has to meet."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import selectors


def _list(request, threads, *, title: str, intro: str, empty: str, current: str):
    page = Paginator(threads, settings.SERAMBI_FORUM_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "discussions/my_threads.html", {
        "page_obj": page, "threads": page.object_list, "title": title, "intro": intro,
        "empty": empty, "current": current,
    })


@login_required
def my_threads(request):
    return _list(
        request, selectors.threads_by_author(user=request.user), current="mine",
        title=_("My discussions"),
        intro=_("The threads you opened, most recently active first."),
        empty=_("You have not opened a thread yet."),
    )


@login_required
def followed_threads(request):
    return _list(
        request, selectors.threads_followed(user=request.user), current="followed",
        title=_("Following"),
        intro=_("Threads you follow: we tell you when they get an official answer."),
        empty=_("You do not follow any thread yet. Use “Follow” on a thread to see it here."),
    )
