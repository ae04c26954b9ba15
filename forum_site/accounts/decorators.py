"""View decorators other apps apply to their posting views."""

from functools import wraps
from urllib.parse import urlencode

from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from .services import has_current_consent


def _return_to(request) -> str:
    """Where to come back after consenting: the page itself for a GET; for a POST (whose
    URL may not answer a GET) the page the form was on."""
    if request.method == "GET":
        return request.get_full_path()
    referer = request.headers.get("referer", "")
    if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return resolve_url("accounts:overview")


def consent_required(view):
    """Before posting, a signed-in user must have agreed to the current privacy notice
    (UU 27/2022: consent before the first post, and again when the notice changes).
    Without it they are sent to the consent page with `next`. Apply inside
    `login_required`; anonymous requests pass through to it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not has_current_consent(user=user):
            query = urlencode({"next": _return_to(request)})
            return redirect(f"{resolve_url('accounts:consent')}?{query}")
        return view(request, *args, **kwargs)

    return wrapped
