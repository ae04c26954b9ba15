"""Site-wide views: language switch and friendly error pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .forms import LanguageForm


def _cross_site(request: HttpRequest) -> bool:
    """True when the browser says the form came from another site (Origin header; sent
    by browsers with every cross-site form POST)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    return origin != f"{request.scheme}://{request.get_host()}"


@csrf_exempt
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language (a plain form POST, so it works without JavaScript).

    No CSRF token: the switch is on every page, and a token would set the CSRF cookie on
    every page, so no anonymous page could be cached by a shared cache. The view only
    sets the language cookie; a cross-site POST (foreign Origin) is refused anyway."""
    if _cross_site(request):
        return csrf_failure(request, reason="cross-site language switch")
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return render(request, "core/language_error.html", {"form": form}, status=400)
    language = form.cleaned_data["language"]
    next_url = form.cleaned_data["next"] or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    # Resolve `next` in the language of its own path: with the unprefixed default
    # language active, "/en/..." would resolve as a Wagtail page path and stay English.
    next_path = urlsplit(next_url).path
    source_language = translation.get_language_from_path(next_path) or settings.LANGUAGE_CODE
    with translation.override(source_language):
        response = HttpResponseRedirect(translate_url(next_url, language))
    if form.cleaned_data["untranslated"]:
        with translation.override(language):
            messages.info(request, _(
                "The page you were reading has no version in this language yet, so "
                "you are on the nearest page that has one."))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )
    return response


def _error(request: HttpRequest, template: str, status: int, **context) -> HttpResponse:
    return render(request, template, context, status=status)


def bad_request(request, exception=None):
    # A body over DATA_UPLOAD_MAX_MEMORY_SIZE is "too large", not "bad": say so (413).
    if isinstance(exception, RequestDataTooBig):
        return _error(request, "413.html", 413)
    return _error(request, "400.html", 400)


def permission_denied(request, exception=None):
    # Our permission checks raise PermissionDenied with a translated, user-facing reason.
    reason = str(exception) if exception is not None else ""
    return _error(request, "403.html", 403, reason=reason)


def page_not_found(request, exception=None):
    return _error(request, "404.html", 404)


def server_error(request):
    # Rendered without a request context: no context processor may touch the database
    # or the session, since either may be what failed.
    template = loader.get_template("500.html")
    return HttpResponse(
        template.render(
            {
                "office_name": settings.SERAMBI_OFFICE_NAME,
                "contact_email": settings.SERAMBI_CONTACT_EMAIL,
                "is_error_page": True,
            }
        ),
        status=500,
    )


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", {"reason_text": _("The form has expired.")},
                  status=403)
