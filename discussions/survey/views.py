"""The satisfaction survey (SKM): the asker's questionnaire, the public figures per
unit and year, the unit's follow-up plan and the moderation of survey comments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from forum_site.accounts.decorators import consent_required
from forum_site.accounts.models import Unit

from ..forms import errors_from
from ..permissions import (
    can_edit_follow_up,
    check_can_answer_survey,
    check_can_edit_follow_up,
    check_can_moderate,
)
from ..threads.views.actions import _thread
from . import services as survey_services
from . import skm
from .forms import FollowUpPlanForm, SurveyForm, SurveyYearForm
from .models import ELEMENT_FIELDS
from .services import survey_is_open, survey_response_editable

PROFILE_FIELDS = ("gender", "age_band", "education", "occupation")


def _year(request) -> tuple[int, SurveyYearForm, bool]:
    form = SurveyYearForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    year = (form.cleaned_data.get("year") if form.is_bound and valid else None)
    return year or timezone.localdate().year, form, valid


@login_required
@consent_required
def survey_answer(request, pk: int):
    """The asker rates the service (once; changes allowed for a short time)."""
    thread = _thread(request, pk)
    check_can_answer_survey(user=request.user, thread=thread)
    response = skm.survey_response_for(thread=thread)
    is_open = survey_response_editable(response) if response else survey_is_open(thread)
    initial = ({name: getattr(response, name) for name in (*ELEMENT_FIELDS, "comment",
                                                            *PROFILE_FIELDS)}
               if response else None)
    form = SurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and is_open and form.is_valid():
        data = form.cleaned_data
        try:
            survey_services.survey_submit(
                user=request.user, thread=thread, scores=form.scores(),
                comment=data["comment"], **{name: data[name] for name in PROFILE_FIELDS})
        except ValidationError as exc:
            errors_from(exc, form)
        else:
            messages.success(request, _("Thank you for rating the service."))
            return redirect(thread)
    status = 400 if request.method == "POST" else 200
    return render(request, "discussions/survey_form.html", {
        "thread": thread, "form": form, "response": response, "is_open": is_open,
    }, status=status)


@require_safe
def skm_index(request):
    """Every unit's survey figures for a year (by name, never ranked)."""
    year, form, valid = _year(request)
    return render(request, "discussions/skm_index.html", {
        "year": year, "form": form, "results": skm.survey_results(year=year),
        "years": skm.survey_years(),
    }, status=200 if valid else 400)


@require_safe
def skm_unit(request, slug: str):
    unit = get_object_or_404(Unit, slug=slug, is_active=True)
    year, form, valid = _year(request)
    return render(request, "discussions/skm_unit.html", {
        "unit": unit, "year": year, "form": form, "years": skm.survey_years(),
        "result": skm.survey_result(unit=unit, year=year),
        "comments": skm.approved_comments(unit=unit, year=year),
        "can_edit_plan": can_edit_follow_up(request.user, unit),
    }, status=200 if valid else 400)


@login_required
@consent_required
def skm_follow_up(request, slug: str, year: int):
    """The unit's ASN or a moderator publish the follow-up plan for a year."""
    unit = get_object_or_404(Unit, slug=slug, is_active=True)
    check_can_edit_follow_up(user=request.user, unit=unit)
    if not 2000 <= year <= 2100:
        return render(request, "404.html", status=404)
    result = skm.survey_result(unit=unit, year=year)
    initial = ({"plan": result.plan.plan, "elements": result.plan.elements} if result.plan
               else {"elements": [e.field for e in result.weakest]})
    form = FollowUpPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            survey_services.follow_up_plan_save(user=request.user, unit=unit, year=year,
                                                plan=form.cleaned_data["plan"],
                                                elements=form.cleaned_data["elements"])
        except ValidationError as exc:
            errors_from(exc, form)
        else:
            messages.success(request, _("The follow-up plan is published."))
            return redirect(reverse("discussions:skm_unit", args=[unit.slug]) + f"?year={year}")
    return render(request, "discussions/skm_follow_up.html", {
        "unit": unit, "year": year, "form": form, "result": result,
    }, status=400 if request.method == "POST" else 200)


@login_required
@consent_required
def skm_comment_queue(request):
    """Moderators approve or reject survey comments (shown without names)."""
    check_can_moderate(user=request.user)
    if request.method == "POST":
        ids = [int(pk) for pk in request.POST.getlist("response")
               if pk.isascii() and pk.isdigit() and len(pk) < 10]
        approve = request.POST.get("decision") == "approve"
        count = survey_services.survey_comments_moderate(moderator=request.user, response_ids=ids,
                                                         approve=approve)
        messages.success(request, _("%(count)s comments moderated.") % {"count": count})
        return redirect("discussions:skm_comment_queue")
    return render(request, "discussions/skm_comment_queue.html", {
        "responses": skm.pending_survey_comments()[:100],
    })
