"""The asker's reply to an answer: "this solved my problem", or a dispute that reopens
the thread and tells the unit."""

from __future__ import annotations

from django.db import transaction

from ... import clock
from ...models import NotificationKind, Thread, ThreadEventKind, ThreadStatus
from ...notifications.services import notify, unit_asn_users
from ...permissions import check_is_asker
from ...survey.services import survey_invite
from .. import lifecycle
from ..sla import answer_due_from, local_today, thread_durations
from .common import lock_thread, record_masking, required_reason, touch
from .events import record_event


@transaction.atomic
def thread_confirm_resolved(*, user, thread: Thread) -> Thread:
    """The asker confirms the official answer solved their problem."""
    check_is_asker(user=user, thread=thread)
    thread = lock_thread(thread)
    lifecycle.check(thread, "confirm")
    thread.status = ThreadStatus.RESOLVED
    thread.resolved_at = clock.now()
    thread.save(update_fields=touch(thread, "status", "resolved_at", *thread_durations(thread)))
    record_event(
        thread=thread, kind=ThreadEventKind.CONFIRMED, actor=user,
        from_status=ThreadStatus.ANSWERED, to_status=ThreadStatus.RESOLVED,
        at=thread.resolved_at,
    )
    survey_invite(thread=thread)
    return thread


@transaction.atomic
def thread_dispute(*, user, thread: Thread, reason: str) -> Thread:
    """The asker says the answer did not solve the problem: the thread reopens, the
    unit gets a new answer period and is notified."""
    check_is_asker(user=user, thread=thread)
    masked: set[str] = set()
    reason = required_reason(reason, masked=masked)
    thread = lock_thread(thread)
    lifecycle.check(thread, "dispute")
    record_masking(thread_id=thread.pk, masked=masked)
    today = local_today()
    thread.status = ThreadStatus.REOPENED
    thread.answer_due = answer_due_from(category=thread.category, kind=thread.kind, start=today)
    thread.closing_due = None
    thread.is_overdue = False
    thread.reminded_for_due = None
    thread.save(
        update_fields=touch(
            thread, "status", "answer_due", "closing_due", "is_overdue", "reminded_for_due"
        )
    )
    event = record_event(
        thread=thread, kind=ThreadEventKind.DISPUTED, actor=user,
        from_status=ThreadStatus.ANSWERED, to_status=ThreadStatus.REOPENED, reason=reason,
    )
    notify(
        kind=NotificationKind.REOPENED, thread=thread, event=event,
        users=unit_asn_users(unit_id=thread.unit_id), exclude=[user],
    )
    return thread
