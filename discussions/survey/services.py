"""The satisfaction survey (SKM): the invitation when a thread is resolved, the asker's
response (one per thread, editable for a short time), moderation of its comment, and
the unit's follow-up plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import clock
from ..models import (
    Area,
    ItemKind,
    ModerationAction,
    ModerationLedgerEntry,
    Notification,
    NotificationKind,
    Thread,
    ThreadStatus,
)
from ..notifications.services import notify
from ..permissions import check_can_answer_survey, check_can_edit_follow_up, check_can_moderate
from ..text import normalise_text
from ..threads.services.common import lock_thread, public_text, state_error
from .models import (
    ELEMENT_FIELDS,
    FOLLOW_UP_MAX_LENGTH,
    SURVEY_COMMENT_MAX_LENGTH,
    AgeBand,
    Education,
    FollowUpPlan,
    Gender,
    Occupation,
    SurveyCommentStatus,
    SurveyResponse,
)


def survey_invite(*, thread: Thread) -> bool:
    """Invite the asker of a just-resolved thread to rate the service, once (on the
    thread page and by email, unless they turned such notices off). Called inside the
    transaction that resolves the thread."""
    if thread.author is None or thread.status != ThreadStatus.RESOLVED:
        return False
    if Notification.objects.filter(thread=thread, kind=NotificationKind.SURVEY).exists():
        return False
    return bool(notify(kind=NotificationKind.SURVEY, thread=thread, users=[thread.author]))


def survey_answer_until(thread: Thread) -> dt.datetime | None:
    if thread.resolved_at is None:
        return None
    return thread.resolved_at + dt.timedelta(days=settings.SERAMBI_SKM_ANSWER_DAYS)


def survey_is_open(thread: Thread, *, now: dt.datetime | None = None) -> bool:
    """A resolved thread takes a (first) response until the answer window ends."""
    until = survey_answer_until(thread)
    return (thread.status == ThreadStatus.RESOLVED and until is not None
            and (now or clock.now()) <= until)


def survey_response_editable(response: SurveyResponse | None, *,
                             now: dt.datetime | None = None) -> bool:
    return response is not None and (now or clock.now()) <= response.editable_until


def _choice(value: str, choices, field: str) -> str:
    value = (value or "").strip()
    if value and value not in choices.values:
        raise ValidationError({field: _("Choose one of the options.")})
    return value


def _clean_comment(comment: str | None, masked: set[str]) -> str:
    comment = public_text(normalise_text(comment), masked=masked)
    if len(comment) > SURVEY_COMMENT_MAX_LENGTH:
        raise ValidationError({"comment": _("Keep the comment under %(max)s characters.")
                               % {"max": SURVEY_COMMENT_MAX_LENGTH}})
    return comment


def _ledger_masking(response: SurveyResponse, masked: set[str]) -> None:
    if masked:
        ModerationLedgerEntry.objects.create(
            action=ModerationAction.REDACT, item_kind=ItemKind.SURVEY, item_id=response.pk,
            area=Area.FORUM, rule="personal_data", automatic=True,
            note=", ".join(sorted(masked)),
        )


def _clean_scores(scores: dict) -> dict[str, int]:
    """The nine ratings as whole numbers from 1 to 4 (ValidationError naming each other)."""
    errors = {}
    clean_scores = {}
    for name in ELEMENT_FIELDS:
        try:
            value = int(scores.get(name))
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= 4:
            errors[name] = _("Rate this element from 1 to 4.")
        clean_scores[name] = value
    if errors:
        raise ValidationError(errors)
    return clean_scores


def _response_to_write(*, user, thread: Thread, now: dt.datetime) -> SurveyResponse:
    """The thread's response, if it is still editable, or a new one while the survey is
    open (not saved); otherwise the state error that says why not."""
    response = SurveyResponse.objects.filter(thread=thread).first()
    if response is None:
        if not survey_is_open(thread, now=now):
            raise state_error(_("This thread does not take a satisfaction survey response "
                                "(it is not resolved, or the time to answer has passed)."))
        return SurveyResponse(
            thread=thread, unit_id=thread.unit_id, respondent=user, created_at=now,
            period_year=timezone.localtime(thread.resolved_at).year,
            editable_until=now + dt.timedelta(hours=settings.SERAMBI_SKM_EDIT_HOURS),
        )
    if not survey_response_editable(response, now=now):
        raise state_error(_("Your response can no longer be changed."))
    return response


@transaction.atomic
def survey_submit(
    *,
    user,
    thread: Thread,
    scores: dict[str, int],
    comment: str = "",
    gender: str = "",
    age_band: str = "",
    education: str = "",
    occupation: str = "",
) -> SurveyResponse:
    """Record (or, within the edit window, change) the asker's response. All nine
    elements are rated 1–4; the comment is masked and waits for moderation before it
    is shown (anonymously); the respondent profile is optional."""
    check_can_answer_survey(user=user, thread=thread)
    clean_scores = _clean_scores(scores)
    masked: set[str] = set()
    comment = _clean_comment(comment, masked)
    profile = {
        "gender": _choice(gender, Gender, "gender"),
        "age_band": _choice(age_band, AgeBand, "age_band"),
        "education": _choice(education, Education, "education"),
        "occupation": _choice(occupation, Occupation, "occupation"),
    }
    thread = lock_thread(thread)
    now = clock.now()
    response = _response_to_write(user=user, thread=thread, now=now)
    previous_comment = response.comment  # "" for a new response
    for name, value in {**clean_scores, **profile}.items():
        setattr(response, name, value)
    response.comment = comment
    if not comment:
        response.comment_status = SurveyCommentStatus.NONE
    elif comment != previous_comment or response.comment_status == SurveyCommentStatus.NONE:
        response.comment_status = SurveyCommentStatus.PENDING
    response.updated_at = now
    response.full_clean(exclude=["thread", "unit", "respondent"])
    response.save()
    _ledger_masking(response, masked)
    return response


@transaction.atomic
def survey_comments_moderate(*, moderator, response_ids: Iterable[int], approve: bool) -> int:
    """Approve (shown, without a name, on the unit's survey page) or reject pending
    survey comments; each decision goes to the moderation ledger."""
    check_can_moderate(user=moderator)
    action = ModerationAction.APPROVE if approve else ModerationAction.REJECT
    status = SurveyCommentStatus.APPROVED if approve else SurveyCommentStatus.REJECTED
    responses = list(
        SurveyResponse.objects.select_for_update()
        .filter(pk__in=list(response_ids), comment_status=SurveyCommentStatus.PENDING)
    )
    for response in responses:
        response.comment_status = status
        response.save(update_fields=["comment_status"])
        ModerationLedgerEntry.objects.create(
            action=action, item_kind=ItemKind.SURVEY, item_id=response.pk, area=Area.FORUM,
            actor=moderator,
        )
    return len(responses)


@transaction.atomic
def follow_up_plan_save(*, user, unit, year: int, plan: str,
                        elements: Iterable[str] = ()) -> FollowUpPlan:
    """Publish or update a unit's follow-up plan (rencana tindak lanjut) for a year."""
    check_can_edit_follow_up(user=user, unit=unit)
    masked: set[str] = set()
    plan = public_text(normalise_text(plan), masked=masked)
    if not plan:
        raise ValidationError({"plan": _("Write the follow-up plan.")})
    if len(plan) > FOLLOW_UP_MAX_LENGTH:
        raise ValidationError({"plan": _("Keep the plan under %(max)s characters.")
                               % {"max": FOLLOW_UP_MAX_LENGTH}})
    chosen = [name for name in ELEMENT_FIELDS if name in set(elements)]
    row, _created = FollowUpPlan.objects.select_for_update().get_or_create(
        unit=unit, year=year,
        defaults={"plan": plan, "elements": chosen, "updated_by": user,
                  "updated_by_name": user.public_name, "updated_at": clock.now()},
    )
    if not _created:
        row.plan, row.elements = plan, chosen
        row.updated_by, row.updated_by_name = user, user.public_name
        row.updated_at = clock.now()
        row.save()
    return row
