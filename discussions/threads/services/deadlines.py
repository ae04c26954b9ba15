"""The writes `sla.sla_tick` makes, one thread at a time, each re-checked under the
row lock so a tick racing an ASN's answer or a second tick changes nothing twice."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from ... import clock
from ...models import (
    AWAITING_UNIT,
    NotificationKind,
    ThreadEventKind,
    ThreadStatus,
    ThreadVisibility,
)
from ...notifications.services import notify, unit_asn_users
from ...survey.services import survey_invite
from .. import lifecycle
from ..sla import is_past_due, thread_durations
from .common import lock_thread
from .events import record_event


@transaction.atomic
def thread_mark_overdue(*, thread_id: int, today: dt.date) -> bool:
    """Mark a thread overdue (public tag, timeline entry, notice to the unit)."""
    thread = lock_thread(thread_id)
    if thread.is_overdue or not is_past_due(thread, today=today):
        return False
    if thread.visibility != ThreadVisibility.PUBLISHED:
        return False  # hidden by moderation: no overdue mark, no notice while hidden
    thread.is_overdue = True
    thread.overdue_since = thread.overdue_since or clock.now()
    thread.save(update_fields=["is_overdue", "overdue_since"])
    missed = (
        thread.first_response_due
        if thread.first_response_at is None and today > thread.first_response_due
        else thread.answer_due
    )
    event = record_event(
        thread=thread, kind=ThreadEventKind.OVERDUE, actor=None, from_status=thread.status,
        data={"due": missed.isoformat() if missed else None},
    )
    notify(
        kind=NotificationKind.DEADLINE, thread=thread, event=event,
        users=unit_asn_users(unit_id=thread.unit_id),
    )
    return True


@transaction.atomic
def thread_remind(*, thread_id: int, due: dt.date, today: dt.date) -> bool:
    """Remind the unit's ASN that a deadline is near (once per due date)."""
    thread = lock_thread(thread_id)
    if thread.status not in AWAITING_UNIT or thread.active_due != due:
        return False
    if thread.reminded_for_due == due or thread.is_overdue:
        return False
    if thread.visibility != ThreadVisibility.PUBLISHED:
        return False
    thread.reminded_for_due = due
    thread.save(update_fields=["reminded_for_due"])
    notify(
        kind=NotificationKind.DEADLINE, thread=thread,
        users=unit_asn_users(unit_id=thread.unit_id),
    )
    return True


@transaction.atomic
def thread_auto_resolve(*, thread_id: int, today: dt.date) -> bool:
    """No reply from the asker within the closing window: the thread is resolved."""
    thread = lock_thread(thread_id)
    if lifecycle.refusal(thread, "auto_resolve") is not None:
        return False
    if not today > thread.closing_due:
        return False
    thread.status = ThreadStatus.RESOLVED
    thread.resolved_at = clock.now()
    thread.updated_at = thread.resolved_at
    thread.save(
        update_fields=["status", "resolved_at", "updated_at", *thread_durations(thread)]
    )
    event = record_event(
        thread=thread, kind=ThreadEventKind.AUTO_RESOLVED, actor=None,
        from_status=ThreadStatus.ANSWERED, to_status=ThreadStatus.RESOLVED,
        reason=_("No reply from the asker within the closing window."),
        data={"closing_due": thread.closing_due.isoformat()},
    )
    notify(kind=NotificationKind.STATUS, thread=thread, event=event, users=[thread.author])
    survey_invite(thread=thread)
    return True
