"""The legal path of a public-information request (UU 14/2008, Perki 1/2021): the
registration number and receipt, the PPID's written decision, the objection to the
atasan PPID and its answer, the clock on objections, and the step to the Komisi
Informasi. See `discussions.ppid.models` for the number format and the rules."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from forum_site.accounts.permissions import verified_asn_profile
from forum_site.core.office import current_office
from forum_site.core.uploads import check_document_content

from .. import clock
from ..models import (
    BODY_MIN_LENGTH,
    DecisionAttachment,
    DecisionOutcome,
    Exemption,
    InformationDecision,
    InformationForm,
    InformationRequest,
    NotificationKind,
    Objection,
    ObjectionGround,
    RefusalGround,
    RequestNumberCounter,
    Thread,
    ThreadEventKind,
    ThreadVisibility,
    WrittenDecision,
)
from ..notifications.services import notify
from ..permissions import check_can_answer_objection, check_can_decide_request, check_can_object
from ..text import normalise_text
from ..threads import lifecycle
from ..threads.services.answers import publish_locked
from ..threads.services.common import lock_thread, public_text, record_masking, state_error
from ..threads.services.events import record_event
from ..threads.sla import WorkingCalendar, local_today, working_days_elapsed
from .models import (
    ATTACHMENT_EXTENSIONS,
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_MAX_FILES,
    ATTACHMENT_NAME_MAX_LENGTH,
)

OBJECTION_WINDOW_DAYS = 30  # Pasal 35-36: to file, and for the atasan to answer
KOMISI_WINDOW_DAYS = 14  # Pasal 37


def _add_working_days(start: dt.date, days: int) -> dt.date:
    return WorkingCalendar.for_working_days(start, days).add_working_days(start, days)


# --- 1. registration ------------------------------------------------------------------------


def unit_code(unit) -> str:
    """The unit's code in registration numbers: its short name (else slug) in capitals,
    letters and digits only, at most 20 characters."""
    code = re.sub(r"[^A-Z0-9]", "", (unit.short_name or unit.slug or "").upper())[:20]
    return code or "UNIT"


def _next_sequence(*, code: str, year: int) -> int:
    """The next number for (code, year), under a row lock on its counter: concurrent
    requests wait for each other here, so no two get the same number."""
    RequestNumberCounter.objects.get_or_create(unit_code=code, year=year)
    counter = RequestNumberCounter.objects.select_for_update().get(unit_code=code, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def information_request_register(*, thread: Thread) -> InformationRequest:
    """Give an information-request thread its registration number (at once, in the
    transaction that opens it) and put the step on its timeline."""
    existing = InformationRequest.objects.filter(thread=thread).first()
    if existing is not None:
        return existing
    received = thread.created_at
    year = local_today(received).year
    code = unit_code(thread.unit)
    sequence = _next_sequence(code=code, year=year)
    author = thread.author
    registered = InformationRequest(
        thread=thread, number=f"PPID/{code}/{year}/{sequence:04d}", unit_code=code,
        year=year, sequence=sequence, received_at=received,
        requester_name=(author.get_full_name() or author.public_name) if author else "",
    )
    registered.full_clean(exclude=["thread"])
    registered.save()
    record_event(
        thread=thread, kind=ThreadEventKind.REGISTERED, actor=None,
        from_status=thread.status, at=received,
        data={"number": registered.number, "due": thread.answer_due.isoformat()
              if thread.answer_due else None},
    )
    return registered


# --- 2. written decision ------------------------------------------------------------------------


def _decision_fields(*, outcome, exemption, consequence_test, holding_office,
                     information_form, body, masked) -> dict:
    errors: dict[str, str] = {}
    if outcome not in DecisionOutcome.values:
        errors["outcome"] = _("Choose the decision.")
    exemption = exemption or ""
    consequence_test = public_text(normalise_text(consequence_test), masked=masked)
    holding_office = public_text(normalise_text(holding_office), masked=masked)[:200]
    body = public_text(normalise_text(body), masked=masked)
    if exemption and exemption not in Exemption.values:
        errors["exemption"] = _("Choose an exemption from the list.")
    if outcome == DecisionOutcome.REFUSED:
        if not exemption:
            errors["exemption"] = _("A refusal must cite the exemption of UU 14/2008 "
                                    "Pasal 17 it rests on.")
        if len(consequence_test) < BODY_MIN_LENGTH:
            errors["consequence_test"] = _("A refusal must explain the consequence test: "
                                           "what harm disclosure would cause.")
    if outcome in (DecisionOutcome.GRANTED, DecisionOutcome.PARTLY_GRANTED):
        if information_form not in InformationForm.values:
            errors["information_form"] = _("Say in what form the information is given.")
    else:
        information_form = ""
    if len(body) < BODY_MIN_LENGTH:
        errors["body"] = _("Write the explanation of the decision (at least %(min)s "
                           "characters).") % {"min": BODY_MIN_LENGTH}
    if errors:
        raise ValidationError(errors)
    if outcome not in (DecisionOutcome.REFUSED, DecisionOutcome.PARTLY_GRANTED):
        exemption, consequence_test = "", ""
    if outcome != DecisionOutcome.NOT_HELD:
        holding_office = ""
    return {"outcome": outcome, "exemption": exemption, "consequence_test": consequence_test,
            "holding_office": holding_office, "information_form": information_form,
            "body": body}


# Active content a document should not carry to the requester's computer: PDF scripts,
# launch actions and embedded files; Office macros. A byte search, not a virus scanner
# (the site has none): it refuses the common carriers, as the type check refuses a file
# that is not what its name says.
_PDF_ACTIVE = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia")
_OFFICE_MACROS = ("vbaproject.bin", "macros/", "basic/")


def _active_content(upload, extension: str) -> bool:
    upload.seek(0)
    try:
        if extension == "pdf":
            content = upload.read()
            return any(re.search(re.escape(name) + rb"(?![A-Za-z])", content)
                       for name in _PDF_ACTIVE)
        if extension in ("docx", "xlsx", "odt", "ods"):
            import zipfile

            with zipfile.ZipFile(upload) as package:
                names = [name.lower() for name in package.namelist()]
            return any(marker in name for name in names for marker in _OFFICE_MACROS)
        return False
    finally:
        upload.seek(0)


def _attachment_name(upload, position: int, *, masked: set[str]) -> str:
    """The name shown for a document: its file name without the path and extension,
    masked like any public text (a phone number or NIK in a file name is personal
    data), else "Lampiran N"."""
    stem = (getattr(upload, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = re.sub(r"[_]+", " ", stem)
    name = public_text(normalise_text(stem), masked=masked).strip()[:ATTACHMENT_NAME_MAX_LENGTH]
    return name or _("Attachment %(number)s") % {"number": position}


def _check_attachments(attachments) -> list[tuple[object, str]]:
    """(file, extension) for each uploaded document, or a ValidationError naming the
    file and what is wrong: too many, too large, a type not accepted, content that does
    not match the type, or active content."""
    files = [upload for upload in (attachments or []) if upload]
    if len(files) > ATTACHMENT_MAX_FILES:
        raise ValidationError({"attachments": _(
            "Attach at most %(max)s documents (you chose %(count)s).")
            % {"max": ATTACHMENT_MAX_FILES, "count": len(files)}})
    checked, errors = [], []
    allowed = ", ".join(ATTACHMENT_EXTENSIONS)
    for upload in files:
        name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1][-80:]
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in ATTACHMENT_EXTENSIONS:
            errors.append(_("“%(name)s”: attach a document of one of these types: "
                            "%(types)s.") % {"name": name, "types": allowed})
            continue
        if upload.size > ATTACHMENT_MAX_BYTES:
            errors.append(_("“%(name)s” is larger than %(mb)s MB.")
                          % {"name": name, "mb": ATTACHMENT_MAX_BYTES // (1024 * 1024)})
            continue
        try:
            check_document_content(upload, extension)
        except ValidationError:
            errors.append(_("“%(name)s”: its content does not match its type (.%(ext)s).")
                          % {"name": name, "ext": extension})
            continue
        if _active_content(upload, extension):
            errors.append(_("“%(name)s” contains scripts, macros or embedded files; "
                            "attach a plain copy.") % {"name": name})
            continue
        checked.append((upload, extension))
    if errors:
        raise ValidationError({"attachments": errors})
    return checked


def _save_attachments(decision: WrittenDecision, checked, *, masked: set[str]) -> None:
    for position, (upload, extension) in enumerate(checked, start=1):
        attachment = DecisionAttachment(
            decision=decision, position=position, extension=extension, size=upload.size,
            name=_attachment_name(upload, position, masked=masked),
        )
        attachment.file.save(f"{uuid.uuid4().hex}.{extension}", upload, save=False)
        attachment.full_clean(exclude=["decision"])
        attachment.save()


def decision_upload_too_large(content_length) -> bool:
    """Whether a decision's request body is larger than its attachments may make it
    (every file at its limit, and room for the letter's text): refused with 413
    before the files are looked at."""
    try:
        length = int(content_length or 0)
    except (TypeError, ValueError):
        return False
    limit = ATTACHMENT_MAX_FILES * ATTACHMENT_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return length > limit


def _letter_markdown(decision: WrittenDecision, number: str) -> str:
    """The official answer's text: the decision in words, then the PPID's explanation."""
    lines = [_("**Written decision of the PPID on request %(number)s: %(outcome)s.**")
             % {"number": number, "outcome": decision.get_outcome_display()}, ""]
    if decision.exemption:
        lines.append(_("Exemption: %(exemption)s.")
                     % {"exemption": decision.get_exemption_display()})
    if decision.outcome == DecisionOutcome.NOT_HELD and decision.holding_office:
        lines.append(_("The information is held by: %(office)s.")
                     % {"office": decision.holding_office})
    if decision.information_form:
        lines.append(_("Form of the information: %(form)s.")
                     % {"form": decision.get_information_form_display()})
    if decision.outcome in (DecisionOutcome.GRANTED, DecisionOutcome.PARTLY_GRANTED):
        lines.append(_("Cost: Rp %(cost)s.") % {"cost": f"{decision.cost:,}".replace(",", ".")})
    lines += ["", decision.body]
    if decision.consequence_test:
        lines += ["", _("Consequence test:"), "", decision.consequence_test]
    return "\n".join(line for line in lines)


_THREAD_DECISION = {
    DecisionOutcome.GRANTED: (InformationDecision.GRANTED, ""),
    DecisionOutcome.PARTLY_GRANTED: (InformationDecision.PARTLY_GRANTED, RefusalGround.EXEMPT),
    DecisionOutcome.REFUSED: (InformationDecision.REFUSED, RefusalGround.EXEMPT),
    DecisionOutcome.NOT_HELD: (InformationDecision.REFUSED, RefusalGround.NOT_HELD),
}


@transaction.atomic
def request_decide(
    *,
    user,
    thread: Thread,
    outcome: str,
    body: str,
    exemption: str = "",
    consequence_test: str = "",
    holding_office: str = "",
    information_form: str = "",
    cost: int = 0,
    cost_note: str = "",
    attachments=(),
) -> WrittenDecision:
    """The PPID records the written decision on a request (once). It is published as
    the thread's official answer (the requester and followers are notified) and kept
    for the PDF letter, with its attached documents (`attachments`: uploaded files, at
    most ATTACHMENT_MAX_FILES). A refusal needs a Pasal 17 exemption and the consequence
    test."""
    check_can_decide_request(user=user, thread=thread)
    thread = lock_thread(thread)
    lifecycle.check(thread, "decide", user=user)
    registered = information_request_register(thread=thread)  # the one it has, if any
    masked: set[str] = set()
    fields = _decision_fields(
        outcome=outcome, exemption=exemption, consequence_test=consequence_test,
        holding_office=holding_office, information_form=information_form, body=body,
        masked=masked,
    )
    if cost is None or cost < 0:
        raise ValidationError({"cost": _("The cost cannot be negative.")})
    checked = _check_attachments(attachments)
    decision = _new_decision(user=user, thread=thread, registered=registered, fields=fields,
                             cost=cost, cost_note=cost_note, masked=masked)
    decision.full_clean(exclude=["request", "answer"])
    thread.information_decision, thread.refusal_ground = _THREAD_DECISION[decision.outcome]
    decision.answer = publish_locked(
        user=user, thread=thread, body=_letter_markdown(decision, registered.number),
        signature=(decision.signer_name, f"PPID — {decision.signer_position}",
                   current_office().name),
        notify_author=False,
    )
    decision.save()
    _save_attachments(decision, checked, masked=masked)
    record_masking(thread_id=thread.pk, masked=masked)
    _announce_decision(decision, thread=thread, user=user)
    return decision


def _new_decision(*, user, thread: Thread, registered: InformationRequest, fields: dict,
                  cost: int, cost_note: str, masked: set[str]) -> WrittenDecision:
    """The decision as it will be stored (not saved): signed by `user` (their position as
    a verified ASN, else "PPID officer"), dated now, with its working days and whether it
    came on time. A refusal costs nothing."""
    now = clock.now()
    profile = verified_asn_profile(user)
    return WrittenDecision(
        request=registered, cost=cost if fields["outcome"] != DecisionOutcome.REFUSED else 0,
        cost_note=public_text(normalise_text(cost_note), masked=masked)[:300],
        decided_by=user, signer_name=user.get_full_name() or user.public_name,
        signer_position=profile.position if profile is not None else _("PPID officer"),
        decided_at=now,
        working_days=working_days_elapsed(thread.created_at, now),
        on_time=not (thread.answer_due and local_today(now) > thread.answer_due),
        **fields,
    )


def _announce_decision(decision: WrittenDecision, *, thread: Thread, user) -> None:
    """The decision on the thread's timeline, and the requester's one email: the
    decision, its letter text (the official answer), links to the PDF letter and the
    attached documents."""
    event = record_event(
        thread=thread, kind=ThreadEventKind.DECIDED, actor=user, from_status=thread.status,
        at=decision.decided_at,
        data={"number": decision.request.number, "outcome": decision.outcome,
              "exemption": decision.exemption, "working_days": decision.working_days,
              "on_time": decision.on_time},
    )
    notify(kind=NotificationKind.STATUS, thread=thread, event=event, answer=decision.answer,
           users=[thread.author], exclude=[user])


# --- 3. objection -----------------------------------------------------------------------------


def superior_users() -> list:
    """Active members of the Atasan PPID role (superusers are not emailed every case)."""
    return list(
        get_user_model().objects.filter(
            Q(groups__permissions__codename="answer_objection")
            | Q(user_permissions__codename="answer_objection"),
            is_active=True,
        ).distinct()
    )


def objection_window(*, thread: Thread) -> tuple[dt.date, dt.date] | None:
    """(start, last day) of the 30 working days to object: from the written decision,
    or, with no decision, from the day the deadline to decide passed. None while
    neither happened."""
    registered = getattr(thread, "information_request", None)
    if registered is None:
        return None
    decision = WrittenDecision.objects.filter(request=registered).first()
    if decision is not None:
        start = local_today(decision.decided_at)
    elif thread.answer_due and local_today() > thread.answer_due:
        start = thread.answer_due
    else:
        return None
    return start, _add_working_days(start, OBJECTION_WINDOW_DAYS)


@transaction.atomic
def objection_file(*, user, thread: Thread, grounds: list[str], reason: str) -> Objection:
    """The requester objects (keberatan) on Pasal 35 grounds, within 30 working days of
    the decision (or of the missed deadline); once per request. The atasan PPID must
    answer within 30 working days."""
    check_can_object(user=user, thread=thread)
    thread = lock_thread(thread)
    check_can_object(user=user, thread=thread)
    registered = InformationRequest.objects.filter(thread=thread).first()
    if registered is None:
        raise state_error(_("This thread is not a registered information request."))
    if Objection.objects.filter(request=registered).exists():
        raise ValidationError(_("An objection to this decision has already been filed; "
                                "only one is possible."), code="duplicate")
    window = objection_window(thread=thread)
    if window is None:
        raise ValidationError(_("You can object once the PPID has decided, or once the "
                                "deadline to decide has passed."), code="too_early")
    today = local_today()
    if today > window[1]:
        raise ValidationError(
            _("The 30 working days to object ended on %(date)s.")
            % {"date": window[1].strftime("%d-%m-%Y")}, code="too_late")
    grounds = sorted(set(grounds or []))
    if not grounds or any(code not in ObjectionGround.values for code in grounds):
        raise ValidationError({"grounds": _("Choose at least one ground (Pasal 35).")})
    masked: set[str] = set()
    reason = public_text(normalise_text(reason), masked=masked)
    if len(reason) < BODY_MIN_LENGTH:
        raise ValidationError({"reason": _("Explain your objection (at least %(min)s "
                                           "characters).") % {"min": BODY_MIN_LENGTH}})
    now = clock.now()
    objection = Objection(
        request=registered, number=f"{registered.number}/KEB", grounds=grounds,
        reason=reason, filed_at=now, due=_add_working_days(today, OBJECTION_WINDOW_DAYS),
    )
    objection.full_clean(exclude=["request"])
    objection.save()
    record_masking(thread_id=thread.pk, masked=masked)
    event = record_event(
        thread=thread, kind=ThreadEventKind.OBJECTED, actor=user, from_status=thread.status,
        at=now, reason=reason,
        data={"number": objection.number, "grounds": grounds, "due": objection.due.isoformat(),
              "working_days_since_decision": WorkingCalendar.load(window[0], today)
              .working_days_between(window[0], today)},
    )
    notify(kind=NotificationKind.OBJECTION, thread=thread, event=event,
           users=superior_users(), exclude=[user])
    return objection


@transaction.atomic
def objection_answer(*, user, thread: Thread, answer: str, upheld: bool) -> Objection:
    """The atasan PPID answers the objection in writing. The requester then has 14
    working days to take it to the Komisi Informasi (Pasal 37)."""
    check_can_answer_objection(user=user, thread=thread)
    thread = lock_thread(thread)
    objection = (Objection.objects.select_for_update()
                 .filter(request__thread=thread).first())
    if objection is None:
        raise state_error(_("There is no objection on this request."))
    if objection.answered_at is not None:
        raise state_error(_("This objection has already been answered."))
    masked: set[str] = set()
    answer = public_text(normalise_text(answer), masked=masked)
    if len(answer) < BODY_MIN_LENGTH:
        raise ValidationError({"answer": _("Write the answer (at least %(min)s characters).")
                               % {"min": BODY_MIN_LENGTH}})
    now = clock.now()
    today = local_today(now)
    objection.answer = answer
    objection.upheld = bool(upheld)
    objection.answered_at = now
    objection.answered_by = user
    objection.signer_name = user.get_full_name() or user.public_name
    profile = verified_asn_profile(user)
    objection.signer_position = profile.position if profile is not None else _("Atasan PPID")
    objection.answer_working_days = working_days_elapsed(objection.filed_at, now)
    objection.answered_late = today > objection.due
    objection.komisi_due = _add_working_days(today, KOMISI_WINDOW_DAYS)
    objection.save()
    record_masking(thread_id=thread.pk, masked=masked)
    event = record_event(
        thread=thread, kind=ThreadEventKind.OBJECTION_ANSWERED, actor=user,
        from_status=thread.status, at=now,
        data={"number": objection.number, "upheld": objection.upheld,
              "working_days": objection.answer_working_days, "late": objection.answered_late,
              "due": objection.due.isoformat(), "komisi_due": objection.komisi_due.isoformat()},
    )
    notify(kind=NotificationKind.STATUS, thread=thread, event=event,
           users=[thread.author], exclude=[user])
    return objection


@transaction.atomic
def objection_mark_overdue(*, objection_id: int, today: dt.date) -> bool:
    """The atasan PPID let the 30 working days pass: an overdue mark, a timeline entry,
    notices to the atasan and the requester (who may now go to the Komisi)."""
    objection = Objection.objects.select_related("request").get(pk=objection_id)
    thread = lock_thread(objection.request.thread_id)
    objection = Objection.objects.select_for_update().get(pk=objection_id)
    if objection.is_overdue or objection.answered_at is not None or not today > objection.due:
        return False
    if thread.visibility != ThreadVisibility.PUBLISHED:
        return False
    objection.is_overdue = True
    objection.overdue_since = clock.now()
    objection.komisi_due = _add_working_days(objection.due, KOMISI_WINDOW_DAYS)
    objection.save(update_fields=["is_overdue", "overdue_since", "komisi_due"])
    event = record_event(
        thread=thread, kind=ThreadEventKind.OBJECTION_OVERDUE, actor=None,
        from_status=thread.status,
        data={"number": objection.number, "due": objection.due.isoformat(),
              "komisi_due": objection.komisi_due.isoformat()},
    )
    notify(kind=NotificationKind.OBJECTION, thread=thread, event=event,
           users=superior_users())
    notify(kind=NotificationKind.STATUS, thread=thread, event=event, users=[thread.author])
    return True


@transaction.atomic
def objection_remind(*, objection_id: int, today: dt.date) -> bool:
    """Remind the atasan PPID once that an objection's answer is due soon."""
    objection = Objection.objects.select_for_update().get(pk=objection_id)
    if objection.answered_at is not None or objection.is_overdue:
        return False
    if objection.reminded_for_due == objection.due or objection.due < today:
        return False
    objection.reminded_for_due = objection.due
    objection.save(update_fields=["reminded_for_due"])
    notify(kind=NotificationKind.OBJECTION, thread=objection.request.thread,
           users=superior_users())
    return True


def objections_tick(*, today: dt.date) -> tuple[int, int]:
    """The objection clock, run by `sla.sla_tick`: (marked overdue, reminded)."""
    waiting = Objection.objects.filter(
        answered_at__isnull=True, is_overdue=False,
        request__thread__visibility=ThreadVisibility.PUBLISHED,
    )
    overdue = sum(
        objection_mark_overdue(objection_id=pk, today=today)
        for pk in waiting.filter(due__lt=today).values_list("pk", flat=True)
    )
    lead = settings.SERAMBI_SLA_REMINDER_WORKING_DAYS
    horizon = _add_working_days(today, lead)
    reminded = sum(
        objection_remind(objection_id=pk, today=today)
        for pk in waiting.filter(due__gte=today, due__lte=horizon).values_list("pk", flat=True)
    )
    return overdue, reminded


# --- 4. dispute (Komisi Informasi) -------------------------------------------------------------


def komisi_open(objection: Objection | None) -> bool:
    """Whether the requester may now take the case to the Komisi Informasi."""
    return bool(objection is not None and objection.komisi_due is not None
                and objection.komisi_filed_at is None)


@transaction.atomic
def komisi_record(*, user, thread: Thread) -> Objection:
    """The requester says they took the dispute to the Komisi Informasi (Pasal 37):
    a timeline entry and the date, counted in the registers and the annual report."""
    check_can_object(user=user, thread=thread)
    thread = lock_thread(thread)
    objection = (Objection.objects.select_for_update()
                 .filter(request__thread=thread).first())
    if objection is None or objection.komisi_due is None:
        raise state_error(_("A dispute goes to the Komisi Informasi after the objection "
                            "is answered, or after its deadline passed."))
    if objection.komisi_filed_at is not None:
        raise state_error(_("You already recorded taking this to the Komisi Informasi."))
    now = clock.now()
    if local_today(now) > objection.komisi_due:
        raise state_error(_("The 14 working days to go to the Komisi Informasi ended on "
                            "%(date)s.") % {"date": objection.komisi_due.strftime("%d-%m-%Y")})
    objection.komisi_filed_at = now
    objection.save(update_fields=["komisi_filed_at"])
    record_event(
        thread=thread, kind=ThreadEventKind.KOMISI, actor=user, from_status=thread.status,
        at=now, data={"number": objection.number, "komisi_due": objection.komisi_due.isoformat()},
    )
    return objection
