"""Staff without a second factor are sent to set one up before the Wagtail admin."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .permissions import needs_second_factor

ADMIN_PREFIX = "/admin/"


class SecondFactorRequiredMiddleware:
    """/admin/ answers a moderator, Tim Komunikasi member or superuser without TOTP with a
    redirect to allauth's TOTP setup (and `next` back). Moderation actions outside the
    admin are refused by the permission checks (permissions.check_second_factor)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (request.path.startswith(ADMIN_PREFIX) and user is not None
                and needs_second_factor(user)):
            messages.warning(request, _(
                "Set up two-step verification (an authenticator app) in your account before "
                "you moderate or use the admin."
            ))
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        return self.get_response(request)
