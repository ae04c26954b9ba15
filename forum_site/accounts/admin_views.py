"""Wagtail admin screens for moderators: the ASN verification queue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import services
from .forms import AsnDecisionForm
from .models import AsnProfile
from .permissions import check_can_verify_asn
from .selectors import asn_verification_queue


def verification_queue(request):
    check_can_verify_asn(user=request.user)
    status = request.GET.get("status") or AsnProfile.Status.PENDING
    if status not in AsnProfile.Status.values:
        status = AsnProfile.Status.PENDING
    return TemplateResponse(
        request,
        "accounts/admin/verification_queue.html",
        {
            "profiles": asn_verification_queue(status=status)[:200],
            "status": status,
            "statuses": AsnProfile.Status.choices,
        },
    )


def verification_review(request, pk: int):
    check_can_verify_asn(user=request.user)
    profile = get_object_or_404(asn_verification_queue(status=None), pk=pk)
    form = AsnDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        try:
            if decision == "approve":
                services.asn_verification_approve(
                    profile=profile, moderator=request.user, note=reason
                )
                messages.success(request, _("%(name)s is now a verified ASN.")
                                 % {"name": profile.user.public_name})
            else:
                services.asn_verification_reject(
                    profile=profile, moderator=request.user, reason=reason
                )
                messages.success(request, _("The request of %(name)s was rejected.")
                                 % {"name": profile.user.public_name})
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("accounts_admin:verification_queue")
    return TemplateResponse(
        request,
        "accounts/admin/verification_review.html",
        {"profile": profile, "form": form},
    )
