"""What a unit does with a thread: acknowledge it, extend an information request's
deadline, publish and edit official answers (Jawaban Resmi)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from forum_site.accounts.permissions import verified_asn_profile

from ... import clock
from ...faq.services import faq_flag_source_edited
from ...models import (
    NotificationKind,
    OfficialAnswer,
    OfficialAnswerRevision,
    Thread,
    ThreadEventKind,
    ThreadStatus,
)
from ...notifications.services import follower_users, notify
from ...permissions import check_can_answer, check_can_decide_request, check_can_edit_answer
from ...text import normalise_text, render_markdown
from .. import lifecycle
from ..sla import closing_due_from, extended_due, is_past_due, local_today, thread_durations
from .common import lock_thread, public_text, record_masking, required_reason, touch
from .events import record_event


class AnswerConflict(ValidationError):  # noqa: N818 - a ValidationError, named for what happened
    """Another official answer was published while this one was being written."""


def _signature(user, thread: Thread) -> tuple[str, str, str]:
    """(name, position, unit) as the answer is signed, frozen at publish time."""
    name = user.get_full_name() or user.public_name
    profile = verified_asn_profile(user)
    if profile is not None and profile.unit_id == thread.unit_id:
        return name, profile.position, profile.unit.name
    # A moderator answering for the office (check_can_answer let them through).
    return name, "Moderator Serambi", settings.SERAMBI_OFFICE_NAME


def _refuse_decision(*, user, thread: Thread, decision: str, refusal_ground: str) -> None:
    """An ordinary answer records no decision on an information request: that is the
    PPID's written decision (`ppid.services.request_decide`), which asks for the Pasal 17
    exemption and makes the letter. Anyone else asking for one is refused (403)."""
    if not (decision or refusal_ground):
        return
    if not thread.is_information_request:
        raise ValidationError({"decision": _("Only an information request takes a decision.")})
    check_can_decide_request(user=user, thread=thread)
    raise ValidationError({"decision": _(
        "The decision on an information request is recorded with the PPID's written "
        "decision form, not with an ordinary answer.")})


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
    answer and lets the author publish theirs anyway. Without it, both are saved.

    `decision` and `refusal_ground` are refused (see `_refuse_decision`): only the PPID
    records the decision on an information request."""
    check_can_answer(user=user, thread=thread)
    _refuse_decision(user=user, thread=thread, decision=decision,
                     refusal_ground=refusal_ground)
    thread = lock_thread(thread)
    check_can_answer(user=user, thread=thread)  # the thread may have been re-routed meanwhile
    # A hidden thread takes none: answering would email its followers a text nobody may see.
    lifecycle.check(thread, "answer")
    if expected_answer_count is not None and thread.answers_count != expected_answer_count:
        raise AnswerConflict(
            _("Another official answer was published while you were writing. Read it below; "
              "your text is kept, and you can publish it if it still adds something."),
            code="conflict",
        )
    return publish_locked(user=user, thread=thread, body=body,
                          signature=_signature(user, thread))


def publish_locked(*, user, thread: Thread, body: str, signature: tuple[str, str, str],
                   notify_author: bool = True) -> OfficialAnswer:
    """The publishing step of `answer_publish`, for a thread already locked and checked
    (the PPID's written decision publishes its letter through it too, and tells the
    requester itself: `notify_author=False`, so they get one email, not two)."""
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
    if notify_author:
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
    lifecycle.check(thread, "edit_answer")
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
    lifecycle.check(thread, "acknowledge")
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
    lifecycle.check(thread, "extend")
    today = local_today()
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
