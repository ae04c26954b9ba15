from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from forum_site.core import ratelimit

from . import services
from .forms import AsnVerificationRequestForm
from .permissions import check_can_request_asn_verification
from .selectors import asn_profile_for_user


@login_required
def overview(request):
    """'Akun saya': the signed-in user's account and ASN verification status."""
    return render(
        request,
        "accounts/overview.html",
        {"asn_profile": asn_profile_for_user(user=request.user)},
    )


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
            messages.success(
                request, _("Your request has been sent. A moderator will check it soon.")
            )
            return redirect("accounts:overview")
    return render(request, "accounts/asn_verification_request.html", {"form": form})
