"""The signed-in user's notifications, their preferences, and one-click unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from ..models import NotificationKind
from . import selectors
from . import services as notification_services
from .forms import NotificationPreferencesForm
from .services import read_unsubscribe_token


@login_required
def notification_list(request):
    """Newest first. Opening the list does not change anything; "mark all as read" does."""
    if request.method == "POST":
        notification_services.notifications_mark_read(user=request.user)
        messages.success(request, _("All notifications are marked as read."))
        return redirect("discussions:notification_list")
    page = Paginator(selectors.notifications_for(user=request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "discussions/notification_list.html", {
        "page_obj": page, "notifications": page.object_list,
        "unread": selectors.unread_notification_count(user=request.user),
    })


@login_required
def notification_preferences(request):
    form = NotificationPreferencesForm(
        request.POST or None,
        kinds=selectors.notification_kinds_for(user=request.user),
        initial_choices=selectors.notification_preferences(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        notification_services.notification_preferences_update(
            user=request.user, choices=form.choices()
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("discussions:notification_preferences")
    return render(request, "discussions/notification_preferences.html", {"form": form})


@csrf_exempt  # RFC 8058 one-click: the mail client POSTs; the signed token is the proof.
def unsubscribe(request, token: str):
    """GET asks for confirmation (link scanners must not unsubscribe anyone); POST
    turns that kind of email off."""
    try:
        _user_id, kind = read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "discussions/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        notification_services.notification_unsubscribe(token=token)
        done = True
    return render(request, "discussions/unsubscribe.html", {
        "kind_label": NotificationKind(kind).label, "done": done, "token": token,
    })
