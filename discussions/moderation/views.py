"""Reports (flags) on comments and threads, and the public moderation ledger with its
CSV. The moderators' queue is in the Wagtail admin (`admin_views`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from forum_site.accounts.decorators import consent_required
from forum_site.core import ratelimit
from forum_site.core.exports import iter_csv
from forum_site.core.ratelimit import client_ip

from ..comments.views import back_to_comment, comment_or_404
from ..forms import errors_from
from ..models import RULE_DESCRIPTIONS, Area, ItemKind, ModerationAction, ModerationRule
from ..opendata import moderation_ledger_dataset
from ..permissions import check_can_view_comment
from ..threads import selectors as thread_selectors
from . import selectors, services
from .forms import FlagForm


@login_required
@consent_required
def comment_flag(request, pk: int):
    comment = comment_or_404(pk)
    check_can_view_comment(user=request.user, comment=comment)
    return _flag(request, item=comment, flag=services.comment_flag, kwarg="comment",
                 back=lambda: back_to_comment(comment))


@login_required
@consent_required
def thread_flag(request, pk: int):
    thread = thread_selectors.threads_public().filter(pk=pk).first()
    if thread is None:
        raise Http404
    return _flag(request, item=thread, flag=services.thread_flag, kwarg="thread",
                 back=lambda: redirect(thread))


def _flag(request, *, item, flag, kwarg, back):
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            flag(user=request.user, reason=form.cleaned_data["reason"],
                 note=form.cleaned_data["note"], ip=client_ip(request), **{kwarg: item})
        except ValidationError as exc:
            errors_from(exc, form)
        else:
            messages.success(request, _("Thank you. The moderators will look at it."))
            return back()
    return render(request, "discussions/flag_form.html", {
        "form": form, "item": item, "is_thread": kwarg == "thread",
        "rules": _rules(),
    })


def _rules():
    return [(rule, rule.label, RULE_DESCRIPTIONS[rule]) for rule in ModerationRule]


def moderation_ledger(request):
    """How moderation is exercised: decisions counted by month, item, area, action and
    rule, and the published rules. No person, no hidden text."""
    rows = [_labelled(row) for row in selectors.moderation_ledger_counts()]
    totals = [_labelled(row)
              for row in selectors.moderation_ledger_counts(by=("action",))]
    return render(request, "discussions/moderation_ledger.html", {
        "rows": rows, "totals": totals, "rules": _rules(),
    })


def _labelled(row: dict) -> dict:
    labels = {"item_kind": ItemKind, "area": Area, "action": ModerationAction,
              "rule": ModerationRule}
    for key, choices in labels.items():
        if row.get(key):
            row[f"{key}_label"] = choices(row[key]).label
    return row


def moderation_ledger_csv(request):
    """The ledger as CSV, one row per month × item × area × action × rule (codes, as
    documented on /data/): the `moderation-ledger` open dataset, streamed by the same
    code as /data/moderation-ledger.csv (`?bom=1` for spreadsheets). Counts are a few
    hundred rows at most, so the response is built whole."""
    ratelimit.hit("open_data_export", request=request)
    dataset = moderation_ledger_dataset(request)
    response = HttpResponse(
        "".join(iter_csv(dataset.columns, dataset.rows(), bom=request.GET.get("bom") == "1")),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="catatan-moderasi.csv"'
    return response
