"""Reads of the public-information path: one request's papers (receipt, decision letter,
case file), and the public registers of requests and objections (no personal data)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from ..models import (
    DecisionAttachment,
    InformationRequest,
    Objection,
    Thread,
    ThreadEventKind,
    ThreadVisibility,
    WrittenDecision,
)
from ..threads.sla import WorkingCalendar


def request_for(*, thread: Thread) -> InformationRequest | None:
    return (InformationRequest.objects.filter(thread=thread)
            .select_related("decision", "objection").first())


def decision_given(*, thread: Thread) -> bool:
    """Whether the PPID has recorded its written decision on this request."""
    return WrittenDecision.objects.filter(request__thread=thread).exists()


def decision_of(registered: InformationRequest | None) -> WrittenDecision | None:
    try:
        return registered.decision if registered is not None else None
    except WrittenDecision.DoesNotExist:
        return None


def attachments_of(decision: WrittenDecision | None) -> list[DecisionAttachment]:
    """The documents attached to a decision, in order (with the request, for their
    download names)."""
    if decision is None:
        return []
    return list(DecisionAttachment.objects.filter(decision=decision)
                .select_related("decision__request").order_by("position"))


def attachment_for(*, thread: Thread, position: int) -> DecisionAttachment | None:
    return (DecisionAttachment.objects
            .filter(decision__request__thread=thread, position=position)
            .select_related("decision__request").first())


def objection_of(registered: InformationRequest | None) -> Objection | None:
    try:
        return registered.objection if registered is not None else None
    except Objection.DoesNotExist:
        return None


@dataclass(frozen=True)
class Step:
    """One dated step of the case file: what, when, and working days counted from the
    request's receipt and from the step before."""

    label: str
    at: dt.datetime | dt.date
    from_receipt: int
    from_previous: int
    note: str = ""


def _day(value) -> dt.date:
    return timezone.localdate(value) if isinstance(value, dt.datetime) else value


def case_steps(*, thread: Thread, registered: InformationRequest) -> list[Step]:
    """Every date of the case with its working-day counts, in order."""
    from django.utils.translation import gettext as _

    decision, objection = decision_of(registered), objection_of(registered)
    raw: list[tuple[str, object, str]] = [
        (_("Request received and registered"), registered.received_at, registered.number),
    ]
    if thread.answer_due:
        raw.append((_("Deadline for the written decision"), thread.answer_due, ""))
    if thread.extended_at:
        raw.append((_("Deadline extended"), thread.extended_at, thread.extension_reason))
    if decision is not None:
        raw.append((_("Written decision"), decision.decided_at,
                    str(decision.get_outcome_display())))
    if objection is not None:
        raw.append((_("Objection filed"), objection.filed_at, objection.number))
        raw.append((_("Deadline for the objection's answer"), objection.due, ""))
        if objection.overdue_since:
            raw.append((_("Objection answer overdue"), objection.overdue_since, ""))
        if objection.answered_at:
            raw.append((_("Objection answered"), objection.answered_at,
                        _("late") if objection.answered_late else _("on time")))
        if objection.komisi_due:
            raw.append((_("Deadline to go to the Komisi Informasi"), objection.komisi_due, ""))
        if objection.komisi_filed_at:
            raw.append((_("Taken to the Komisi Informasi"), objection.komisi_filed_at, ""))
    raw.sort(key=lambda item: (_day(item[1]), isinstance(item[1], dt.date)
                               and not isinstance(item[1], dt.datetime)))
    start = _day(registered.received_at)
    last_day = max(_day(at) for _label, at, _note in raw)
    calendar = WorkingCalendar.load(start, max(last_day, start))
    steps, previous = [], start
    for label, at, note in raw:
        day = _day(at)
        steps.append(Step(label=label, at=at,
                          from_receipt=calendar.working_days_between(start, day),
                          from_previous=calendar.working_days_between(previous, day),
                          note=note))
        previous = max(previous, day)
    return steps


def case_events(*, thread: Thread):
    """The thread's timeline entries of the legal path (for the case file)."""
    kinds = [ThreadEventKind.CREATED, ThreadEventKind.REGISTERED, ThreadEventKind.EXTENDED,
             ThreadEventKind.ANSWERED, ThreadEventKind.DECIDED, ThreadEventKind.OBJECTED,
             ThreadEventKind.OBJECTION_OVERDUE, ThreadEventKind.OBJECTION_ANSWERED,
             ThreadEventKind.KOMISI, ThreadEventKind.OVERDUE]
    return thread.events.filter(kind__in=kinds).order_by("at", "pk")


# --- public registers -----------------------------------------------------------------------


def request_register(*, year: int | None = None) -> QuerySet[InformationRequest]:
    """Registered requests on published threads, newest first, with their decision and
    objection: number, date, subject, decision, working days. No requester."""
    rows = (InformationRequest.objects
            .filter(thread__visibility=ThreadVisibility.PUBLISHED)
            .select_related("thread", "thread__unit", "decision", "objection")
            .order_by("-received_at", "-pk"))
    if year:
        rows = rows.filter(year=year)
    return rows


def objection_register(*, year: int | None = None) -> QuerySet[Objection]:
    rows = (Objection.objects
            .filter(request__thread__visibility=ThreadVisibility.PUBLISHED)
            .select_related("request", "request__thread", "request__decision")
            .order_by("-filed_at", "-pk"))
    if year:
        rows = rows.filter(request__year=year)
    return rows


def objection_year_figures(*, year: int) -> dict[str, int]:
    """Objection and dispute figures for the annual report (requests received in `year`)."""
    rows = list(objection_register(year=year))
    return {
        "objections": len(rows),
        "answered": sum(1 for o in rows if o.answered_at is not None),
        "answered_on_time": sum(1 for o in rows if o.answered_at and not o.answered_late),
        "answered_late": sum(1 for o in rows if o.answered_late),
        "overdue_unanswered": sum(1 for o in rows if o.answered_at is None and o.is_overdue),
        "upheld": sum(1 for o in rows if o.upheld),
        "disputes": sum(1 for o in rows if o.komisi_filed_at is not None),
    }
