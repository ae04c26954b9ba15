"""What a unit does with a thread: acknowledge it, extend an information request's
deadline, publish and edit official answers (Jawaban Resmi)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from forum_site.accounts.permissions import verified_asn_profile
from forum_site.core.office import current_office

from .. import clock
from ..models import (
    AWAITING_UNIT,
    InformationDecision,
    NotificationKind,
    OfficialAnswer,
    OfficialAnswerRevision,
    RefusalGround,
    Thread,
    ThreadEventKind,
    ThreadStatus,
    ThreadVisibility,
)
from ..permissions import check_can_answer, check_can_edit_answer
from ..sla import (
    closing_due_from,
    extended_due,
    is_past_due,
    local_today,
    thread_durations,
)
from ..text import normalise_text, render_markdown
from ._common import (
    lock_thread,
    public_text,
    record_masking,
    required_reason,
    state_error,
    touch,
)
from .events import record_event
from .faq import faq_flag_source_edited
from .notifications import follower_users, notify


class AnswerConflict(ValidationError):  # noqa: N818 - a ValidationError, named for what happened
    """Another official answer was published while this one was being written."""


def _signature(user, thread: Thread) -> tuple[str, str, str]:
    """(name, position, unit) as the answer is signed, frozen at publish time."""
    name = user.get_full_name() or user.public_name
    profile = verified_asn_profile(user)
    if profile is not None and profile.unit_id == thread.unit_id:
        return name, profile.position, profile.unit.name
    # A moderator answering for the office (check_can_answer let them through).
    return name, "Moderator Serambi", current_office().name


def _information_decision(thread: Thread, decision: str, refusal_ground: str) -> None:
    """Check and set the decision an answer to an information request announces."""
    if not thread.is_information_request:
        if decision or refusal_ground:
            raise ValidationError(
                {"decision": _("Only an information request takes a decision.")}
            )
        return
    if not decision:
        return  # keeps the decision already announced (the answer form asks for one)
    if decision not in InformationDecision.values:
        raise ValidationError({"decision": _("Choose a decision from the list.")})
    if decision == InformationDecision.GRANTED:
        refusal_ground = ""
    elif refusal_ground not in RefusalGround.values:
        raise ValidationError(
            {"refusal_ground": _("Give the ground for refusing (part of) the request.")}
        )
    thread.information_decision = decision
    thread.refusal_ground = refusal_ground


@transaction.atomic
def answer_publish(
    *,
    user,
    thread: Thread,
    body: str,
    expected_answer_count: int | None = None,
    decision: str = "",
    refusal_ground: str = "",
) -> OfficialAnswer:
    """Publish a Jawaban Resmi on `thread`.

    The thread row is locked, so two ASN answering at once are serialised. If the caller
    says how many answers it saw (`expected_answer_count`) and another was published
    meanwhile, AnswerConflict is raised and nothing is saved; the caller shows the new
    answer and lets the author publish theirs anyway. Without it, both are saved."""
    check_can_answer(user=user, thread=thread)
    thread = lock_thread(thread)
    check_can_answer(user=user, thread=thread)  # the thread may have been re-routed meanwhile
    if thread.status not in (*AWAITING_UNIT, ThreadStatus.ANSWERED):
        raise state_error(_("This thread is resolved or closed; it takes no new answers."))
    if thread.visibility != ThreadVisibility.PUBLISHED:
        # Answering would email the followers the text of a thread nobody may see.
        raise state_error(_("This thread is hidden by the moderators; it takes no new "
                            "answers until it is shown again."))
    if expected_answer_count is not None and thread.answers_count != expected_answer_count:
        raise AnswerConflict(
            _("Another official answer was published while you were writing. Read it below; "
              "your text is kept, and you can publish it if it still adds something."),
            code="conflict",
        )
    _information_decision(thread, decision, refusal_ground)
    return publish_locked(user=user, thread=thread, body=body,
                          signature=_signature(user, thread))


def publish_locked(*, user, thread: Thread, body: str,
                   signature: tuple[str, str, str]) -> OfficialAnswer:
    """The publishing step of `answer_publish`, for a thread already locked and checked
    (the PPID's written decision publishes its letter through it too)."""
    now = clock.now()
    today = local_today(now)
    name, position, unit_name = signature
    masked: set[str] = set()
    answer = OfficialAnswer(
        thread=thread, author=user, signer_name=name, signer_position=position,
        signer_unit=unit_name, body=public_text(normalise_text(body), masked=masked),
        created_at=now,
    )
    answer.body_html = render_markdown(answer.body)
    answer.full_clean()
    answer.save()
    record_masking(thread_id=thread.pk, masked=masked)

    previous = thread.status
    thread.status = ThreadStatus.ANSWERED
    thread.answers_count = F("answers_count") + 1
    thread.answered_at = thread.answered_at or now
    thread.first_response_at = thread.first_response_at or now
    thread.closing_due = closing_due_from(category=thread.category, answered_on=today)
    thread.is_overdue = False
    thread.save(
        update_fields=touch(
            thread, "status", "answers_count", "answered_at", "first_response_at",
            "closing_due", "is_overdue", "information_decision", "refusal_ground",
            *thread_durations(thread),
        )
    )
    thread.refresh_from_db(fields=["answers_count"])
    event = record_event(
        thread=thread, kind=ThreadEventKind.ANSWERED, actor=user, from_status=previous,
        to_status=ThreadStatus.ANSWERED, at=now, data={"answer": answer.pk},
    )
    notify(
        kind=NotificationKind.ANSWER, thread=thread, answer=answer, event=event,
        users=[thread.author], exclude=[user],
    )
    notify(
        kind=NotificationKind.FOLLOWED_ANSWER, thread=thread, answer=answer, event=event,
        users=follower_users(thread=thread), exclude=[user, thread.author],
    )
    return answer


@transaction.atomic
def answer_edit(*, user, answer: OfficialAnswer, body: str) -> OfficialAnswer:
    """The author corrects their official answer. The previous text is kept in the
    public history and the edit appears on the timeline."""
    check_can_edit_answer(user=user, answer=answer)
    thread = lock_thread(answer.thread_id)
    answer = OfficialAnswer.objects.select_for_update().get(pk=answer.pk)
    if thread.status == ThreadStatus.CLOSED:
        raise state_error(_("This thread is closed; its answers can no longer be edited."))
    masked: set[str] = set()
    new_body = public_text(normalise_text(body), masked=masked)
    if new_body == answer.body:
        raise ValidationError({"body": _("The answer is unchanged.")}, code="unchanged")
    previous_body = answer.body
    now = clock.now()
    answer.body = new_body
    answer.body_html = render_markdown(new_body)
    answer.edited_at = now
    answer.revisions_count += 1
    answer.full_clean()
    answer.save(update_fields=["body", "body_html", "edited_at", "revisions_count"])
    OfficialAnswerRevision(
        answer=answer, editor=user, editor_name=user.get_full_name() or user.public_name,
        edited_at=now, previous_body=previous_body, new_body=new_body,
    ).save()
    thread.save(update_fields=touch(thread))
    record_masking(thread_id=thread.pk, masked=masked)
    record_event(
        thread=thread, kind=ThreadEventKind.ANSWER_EDITED, actor=user,
        from_status=thread.status, at=now, data={"answer": answer.pk},
    )
    faq_flag_source_edited(answer=answer)
    return answer


@transaction.atomic
def thread_acknowledge(*, user, thread: Thread, note: str = "") -> Thread:
    """The unit tells the asker the thread was received and is being handled: the
    first response (3 working days by default)."""
    check_can_answer(user=user, thread=thread)
    thread = lock_thread(thread)
    check_can_answer(user=user, thread=thread)
    if thread.status not in AWAITING_UNIT:
        raise state_error(_("Only a thread waiting for the unit can be acknowledged."))
    if thread.first_response_at is not None:
        raise state_error(_("The unit has already responded to this thread."))
    masked: set[str] = set()
    note = public_text(normalise_text(note)[:1000], masked=masked)
    record_masking(thread_id=thread.pk, masked=masked)
    thread.first_response_at = clock.now()
    thread.is_overdue = is_past_due(thread, today=local_today())
    thread.save(
        update_fields=touch(thread, "first_response_at", "is_overdue", *thread_durations(thread))
    )
    event = record_event(
        thread=thread, kind=ThreadEventKind.ACKNOWLEDGED, actor=user,
        from_status=thread.status, reason=note,
    )
    notify(kind=NotificationKind.STATUS, thread=thread, event=event,
           users=[thread.author], exclude=[user])
    return thread


@transaction.atomic
def thread_extend(*, user, thread: Thread, reason: str) -> Thread:
    """Extend an information request's deadline once, by the category's extension
    (7 working days, UU 14/2008 Pasal 22), before it passes, with a public reason."""
    check_can_answer(user=user, thread=thread)
    masked: set[str] = set()
    reason = required_reason(reason, masked=masked)
    thread = lock_thread(thread)
    record_masking(thread_id=thread.pk, masked=masked)
    check_can_answer(user=user, thread=thread)
    if not thread.is_information_request:
        raise state_error(_("Only information requests can have their deadline extended."))
    if thread.status not in AWAITING_UNIT:
        raise state_error(_("Only a request waiting for an answer can be extended."))
    if thread.extended_at is not None:
        raise state_error(_("The deadline of this request has already been extended once."))
    today = local_today()
    if thread.answer_due and today > thread.answer_due:
        raise state_error(_("The deadline has already passed; it can no longer be extended."))
    previous_due = thread.answer_due
    thread.answer_due = extended_due(category=thread.category, due=previous_due or today)
    thread.extended_at = clock.now()
    thread.extension_reason = reason
    thread.first_response_at = thread.first_response_at or thread.extended_at
    thread.reminded_for_due = None
    thread.is_overdue = is_past_due(thread, today=today)
    thread.save(
        update_fields=touch(
            thread, "answer_due", "extended_at", "extension_reason", "first_response_at",
            "reminded_for_due", "is_overdue", *thread_durations(thread),
        )
    )
    event = record_event(
        thread=thread, kind=ThreadEventKind.EXTENDED, actor=user, from_status=thread.status,
        reason=reason,
        data={"previous_due": previous_due.isoformat() if previous_due else None,
              "due": thread.answer_due.isoformat()},
    )
    notify(kind=NotificationKind.STATUS, thread=thread, event=event,
           users=[thread.author], exclude=[user])
    return thread
