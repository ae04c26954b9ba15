"""The public-information path over HTTP: receipt, decision, objection, its answer,
the Komisi step, the PDF letters and case file, and the public registers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum_site.accounts.decorators import consent_required

from ..forms import errors_from
from ..models import InformationRequest, Thread
from ..permissions import (
    check_can_answer_objection,
    check_can_decide_request,
    check_can_object,
    check_can_view_case,
)
from ..threads.views._render import render_thread
from ..threads.views.actions import _thread
from . import selectors as ppid_selectors
from . import services
from .forms import DecisionForm, ObjectionAnswerForm, ObjectionForm
from .models import ATTACHMENT_TYPES
from .pdf import render_pdf, zip_bytes


def _registered(request, pk: int) -> tuple[Thread, InformationRequest]:
    """The thread and its registration, if the visitor may see the case papers."""
    thread = _thread(request, pk)
    registered = ppid_selectors.request_for(thread=thread)
    if registered is None:
        raise Http404
    check_can_view_case(user=request.user, thread=thread)
    return thread, registered


def _papers(thread, registered) -> dict:
    decision = ppid_selectors.decision_of(registered)
    return {
        "thread": thread, "registered": registered, "decision": decision,
        "attachments": ppid_selectors.attachments_of(decision),
        "objection": ppid_selectors.objection_of(registered),
    }


def _pdf(content: bytes, filename: str, *, kind: str = "application/pdf") -> HttpResponse:
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _file_stem(registered: InformationRequest) -> str:
    return registered.number.replace("/", "-")


@login_required
def receipt(request, pk: int):
    thread, registered = _registered(request, pk)
    return render(request, "discussions/ppid/receipt.html", _papers(thread, registered))


@login_required
def receipt_pdf(request, pk: int):
    thread, registered = _registered(request, pk)
    content = render_pdf("discussions/ppid/pdf/receipt.html", _papers(thread, registered))
    return _pdf(content, f"tanda-terima-{_file_stem(registered)}.pdf")


@login_required
def decision_pdf(request, pk: int):
    thread, registered = _registered(request, pk)
    papers = _papers(thread, registered)
    if papers["decision"] is None:
        raise Http404
    content = render_pdf("discussions/ppid/pdf/decision.html", papers)
    return _pdf(content, f"keputusan-{_file_stem(registered)}.pdf")


def _case_file(thread, registered) -> bytes:
    papers = _papers(thread, registered)
    papers["steps"] = ppid_selectors.case_steps(thread=thread, registered=registered)
    papers["events"] = ppid_selectors.case_events(thread=thread)
    return render_pdf("discussions/ppid/pdf/case_file.html", papers)


@login_required
def case_file_pdf(request, pk: int):
    thread, registered = _registered(request, pk)
    return _pdf(_case_file(thread, registered), f"berkas-{_file_stem(registered)}.pdf")


@login_required
def case_file_zip(request, pk: int):
    """The case file PDF, the receipt, the decision letter and the attached documents."""
    thread, registered = _registered(request, pk)
    papers = _papers(thread, registered)
    stem = _file_stem(registered)
    files = [(f"berkas-{stem}.pdf", _case_file(thread, registered)),
             (f"tanda-terima-{stem}.pdf",
              render_pdf("discussions/ppid/pdf/receipt.html", papers))]
    if papers["decision"] is not None:
        files.append((f"keputusan-{stem}.pdf",
                      render_pdf("discussions/ppid/pdf/decision.html", papers)))
        for attachment in papers["attachments"]:
            with attachment.file.open("rb") as attached:
                files.append((attachment.download_name, attached.read()))
    return _pdf(zip_bytes(files), f"berkas-{stem}.zip", kind="application/zip")


def _post(request, pk: int, *, check, form_class, form_name: str, action, done: str,
          files: bool = False):
    thread = _thread(request, pk)
    check(user=request.user, thread=thread)
    form = form_class(request.POST, request.FILES) if files else form_class(request.POST)
    if form.is_valid():
        try:
            action(thread, form.cleaned_data)
        except ValidationError as exc:
            errors_from(exc, form)
        else:
            messages.success(request, done)
            return redirect(thread)
    return render_thread(request, thread, forms={form_name: form})


@login_required
@consent_required
@require_POST
def decide(request, pk: int):
    if services.decision_upload_too_large(request.META.get("CONTENT_LENGTH")):
        # More than the attachments' limits allow, whatever the files: say so (413),
        # as the site does for any body over its limit (forum_site/core/views.py).
        return render(request, "413.html", status=413)
    return _post(
        request, pk, check=check_can_decide_request, form_class=DecisionForm,
        form_name="decision", files=True,
        action=lambda thread, data: services.request_decide(user=request.user, thread=thread,
                                                            **data),
        done=_("The written decision is published and sent to the requester."),
    )


@login_required
@consent_required
@require_POST
def object_(request, pk: int):
    return _post(
        request, pk, check=check_can_object, form_class=ObjectionForm, form_name="objection",
        action=lambda thread, data: services.objection_file(user=request.user, thread=thread,
                                                            **data),
        done=_("Your objection is filed. The atasan PPID must answer within 30 working days."),
    )


@login_required
@consent_required
@require_POST
def objection_answer(request, pk: int):
    return _post(
        request, pk, check=check_can_answer_objection, form_class=ObjectionAnswerForm,
        form_name="objection_answer",
        action=lambda thread, data: services.objection_answer(user=request.user,
                                                              thread=thread, **data),
        done=_("The answer to the objection is published and sent to the requester."),
    )


@login_required
@consent_required
@require_POST
def komisi(request, pk: int):
    thread = _thread(request, pk)
    check_can_object(user=request.user, thread=thread)
    try:
        services.komisi_record(user=request.user, thread=thread)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Recorded: you took this request to the Komisi "
                                    "Informasi."))
    return redirect(thread)


def attachment(request, pk: int, position: int):
    """A document attached to a written decision: public with the decision (404 when
    the thread is hidden from the visitor), downloaded under a name that holds only the
    request number, never shown inline."""
    thread = _thread(request, pk)
    document = ppid_selectors.attachment_for(thread=thread, position=position)
    if document is None:
        raise Http404
    response = FileResponse(document.file.open("rb"), as_attachment=True,
                            filename=document.download_name,
                            content_type=ATTACHMENT_TYPES.get(document.extension,
                                                              "application/octet-stream"))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def _year(request) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None


def request_register(request):
    rows = ppid_selectors.request_register(year=_year(request))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "discussions/ppid/request_register.html",
                  {"page": page, "year": _year(request)})


def objection_register(request):
    rows = ppid_selectors.objection_register(year=_year(request))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "discussions/ppid/objection_register.html",
                  {"page": page, "year": _year(request)})
