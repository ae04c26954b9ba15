"""Wagtail admin screens for moderators: the ASN verification queue and personal-data
requests (UU 27/2022)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import AsnDecisionForm, AsnRevokeForm, PersonalDataResponseForm
from .models import AsnProfile, PersonalDataRequest
from .permissions import check_can_handle_personal_data_request, check_can_verify_asn
from .selectors import (
    asn_nip_conflicts,
    asn_verification_queue,
    personal_data_request_queue,
)


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
        {"profile": profile, "form": form, "revoke_form": AsnRevokeForm(),
         "nip_conflicts": asn_nip_conflicts(profile=profile)},
    )


@require_POST
def verification_revoke(request, pk: int):
    """Withdraw a verification, with a reason (another moderator than the person)."""
    check_can_verify_asn(user=request.user)
    profile = get_object_or_404(asn_verification_queue(status=None), pk=pk)
    form = AsnRevokeForm(request.POST)
    if form.is_valid():
        try:
            services.asn_verification_revoke(
                profile=profile, moderator=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The verification of %(name)s was withdrawn.")
                             % {"name": profile.user.public_name})
            return redirect("accounts_admin:verification_review", pk=profile.pk)
    return TemplateResponse(
        request,
        "accounts/admin/verification_review.html",
        {"profile": profile, "form": AsnDecisionForm(), "revoke_form": form,
         "nip_conflicts": asn_nip_conflicts(profile=profile)},
        status=400,
    )


def data_request_queue(request):
    check_can_handle_personal_data_request(user=request.user)
    status = request.GET.get("status") or PersonalDataRequest.Status.OPEN
    if status not in PersonalDataRequest.Status.values:
        status = PersonalDataRequest.Status.OPEN
    return TemplateResponse(request, "accounts/admin/data_request_queue.html", {
        "items": personal_data_request_queue(status=status)[:200],
        "status": status,
        "statuses": PersonalDataRequest.Status.choices,
    })


def data_request_answer(request, pk: int):
    check_can_handle_personal_data_request(user=request.user)
    item = get_object_or_404(personal_data_request_queue(status=None), pk=pk)
    form = PersonalDataResponseForm(
        request.POST or None, initial={"response": item.response, "done": True}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.personal_data_request_answer(
                request=item, moderator=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The answer has been saved."))
            return redirect("accounts_data_requests:queue")
    return TemplateResponse(
        request, "accounts/admin/data_request_answer.html", {"item": item, "form": form}
    )
