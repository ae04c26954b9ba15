"""Hand-off to SP4N-LAPOR! (the national public complaint service, lapor.go.id): when
the office cannot or did not deal with a thread — closed as outside its authority, or
overdue for longer than SERAMBI_LAPOR_AFTER_OVERDUE_DAYS — the asker is shown how to take
it there, with a summary of the case to copy (masked, as everything public here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forum_site.core.public_url import absolute_url

from .. import clock
from ..models import AWAITING_UNIT, CloseReason, Thread, ThreadStatus
from ..redaction import redact
from ..text import plain_excerpt

SUMMARY_BODY_LENGTH = 1200


@dataclass(frozen=True)
class Handoff:
    reason: str  # "out_of_scope" or "overdue"
    summary: str
    url: str


def lapor_reason(thread: Thread, *, now: dt.datetime | None = None) -> str:
    """Why this thread may go to SP4N-LAPOR!, or "" when it should not."""
    if thread.status == ThreadStatus.CLOSED and thread.close_reason == CloseReason.OUT_OF_SCOPE:
        return "out_of_scope"
    if thread.status in AWAITING_UNIT and thread.is_overdue and thread.overdue_since:
        limit = dt.timedelta(days=settings.SERAMBI_LAPOR_AFTER_OVERDUE_DAYS)
        if (now or clock.now()) - thread.overdue_since >= limit:
            return "overdue"
    return ""


def lapor_handoff(thread: Thread) -> Handoff | None:
    """The hand-off for the asker's page, with the summary to paste into SP4N-LAPOR!."""
    reason = lapor_reason(thread)
    if not reason:
        return None
    opened = date_format(timezone.localtime(thread.created_at), "j F Y")
    if reason == "out_of_scope":
        why = _("Closed as outside the authority of the units here: %(note)s") % {
            "note": thread.close_note}
    else:
        due = date_format(thread.answer_due, "j F Y") if thread.answer_due else "–"
        why = _("No official answer: the deadline of %(due)s has passed.") % {"due": due}
    lines = [
        _("Subject: %(title)s") % {"title": thread.title},
        _("First reported to: %(unit)s (%(office)s), on %(date)s") % {
            "unit": thread.unit.name, "office": settings.SERAMBI_OFFICE_NAME, "date": opened},
        _("Status: %(why)s") % {"why": why},
        _("Public record: %(url)s") % {"url": absolute_url(thread.get_absolute_url())},
        "",
        plain_excerpt(thread.body, length=SUMMARY_BODY_LENGTH),
    ]
    summary, _kinds = redact("\n".join(lines))
    return Handoff(reason=reason, summary=summary, url=settings.SERAMBI_LAPOR_URL)
