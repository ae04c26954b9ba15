import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from forum_site.core import ratelimit

from . import services
from .forms import (
    AccountDeleteForm,
    AsnVerificationRequestForm,
    ConsentForm,
    PersonalDataRequestForm,
)
from .landing import work_links
from .permissions import check_can_request_asn_verification
from .selectors import asn_profile_for_user, personal_data_requests_for_user


@login_required
def overview(request):
    """'Akun saya': the signed-in user's account and ASN verification status."""
    return render(request, "accounts/overview.html", {
        "asn_profile": asn_profile_for_user(user=request.user),
        "data_requests": personal_data_requests_for_user(user=request.user)[:20],
        "data_request_form": PersonalDataRequestForm(),
        "work_links": work_links(request.user),
    })


@login_required
def asn_verification_request(request):
    check_can_request_asn_verification(user=request.user)
    form = AsnVerificationRequestForm(request.POST or None)
    if request.method == "POST":
        ratelimit.hit("asn_verification_request", request=request)
    if request.method == "POST" and form.is_valid():
        try:
            services.asn_verification_request(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            # e.g. a NIP still held by another user's rejected request (unique NIP)
            form.add_error(None, exc)
        else:
            messages.success(request, _(
                "Almost done: we sent a link to your official email. Open it to confirm the "
                "address; your request then goes to the moderators."))
            return redirect("accounts:overview")
    return render(request, "accounts/asn_verification_request.html", {"form": form})


@never_cache
def asn_email_confirm(request, token: str):
    """The link from the email to the official address. Opening it changes nothing (mail
    scanners open links); the button confirms. No sign-in needed: holding the link proves
    the mailbox, and the link names the request."""
    try:
        profile = services.asn_profile_for_email_token(token)
    except ValidationError as exc:
        return render(request, "accounts/asn_email_confirm.html",
                      {"error": exc.messages[0]}, status=400)
    if request.method == "POST":
        ratelimit.hit("asn_verification_request", request=request)
        profile = services.asn_official_email_confirm(token=token)
        messages.success(request, _("Your official email is confirmed. A moderator will "
                                    "check your request."))
        return redirect(request.path)
    return render(request, "accounts/asn_email_confirm.html", {"profile": profile})


@login_required
@require_POST
def asn_email_resend(request):
    ratelimit.hit("asn_verification_request", request=request)
    try:
        profile = services.asn_official_email_resend(user=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("We sent the link again to %(email)s.")
                         % {"email": profile.official_email})
    return redirect("accounts:overview")


@login_required
@require_POST
def personal_data_export(request):
    """Download my data (UU 27/2022) as a JSON attachment that no cache keeps."""
    ratelimit.hit("personal_data_export", request=request)
    data = services.personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"serambi-data-saya-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def account_delete(request):
    """Delete my account, after the current password; public posts stay, pseudonymised."""
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            logout(request)
            messages.success(
                request, _("Your account has been deleted. Thank you for taking part.")
            )
            return redirect("/")
    return render(request, "accounts/account_delete.html", {"form": form})


def _safe_next(request) -> str | None:
    """A same-site path to go back to. Only absolute paths: `redirect()` would try to
    reverse anything else as a URL name (a 500 on e.g. ?next=abc)."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@login_required
def consent(request):
    """Agree to the current privacy notice (asked again when its version changes)."""
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.consent_current_record(user=request.user)
        messages.success(request, _("Thank you. Your agreement has been recorded."))
        return redirect(_safe_next(request) or "accounts:overview")
    return render(request, "accounts/consent.html", {"form": form, "next": _safe_next(request)})


@login_required
def personal_data_request_create(request):
    """A request to the office about my data (correction, objection, access, other)."""
    form = PersonalDataRequestForm(request.POST or None)
    if request.method == "POST":
        ratelimit.hit("personal_data_request", request=request)
    if request.method == "POST" and form.is_valid():
        services.personal_data_request_create(user=request.user, **form.cleaned_data)
        messages.success(
            request, _("Your request has been sent. The office answers within 3×24 hours.")
        )
        return redirect("accounts:overview")
    return render(request, "accounts/personal_data_request.html", {"form": form})


def login_elsewhere(request):
    """Wagtail's own sign-in doors (`/admin/login/`, `/_util/login/`) lead here: they
    never check a password, they send the visitor to allauth's login, the one login of
    the site (rate limits, email confirmation), keeping a same-site `next`.

    Wagtail also sends here whoever it refuses (the admin without admin access, a page
    restricted to a group). A signed-in person gets a 403 page: allauth's login would send
    them straight back to `next`, which refuses them again, in a loop."""
    if request.user.is_authenticated:
        raise PermissionDenied(_("Your account has no access to this page."))
    return _to_allauth("account_login", request)


def password_reset_elsewhere(request, **_kwargs):
    """Wagtail's password reset (`/admin/password_reset/…`, old links included) leads to
    allauth's reset, the one reset of the site."""
    return _to_allauth("account_reset_password", request)


def _to_allauth(url_name: str, request):
    target = reverse(url_name)
    next_url = _safe_next(request)
    if next_url:
        target = f"{target}?{urlencode({'next': next_url})}"
    return redirect(target)
