"""The annual public-information service report (UU 14/2008 Pasal 12; Perki 1/2021
Pasal 56): the figures generated from the information-request threads of a year, and
the CSV annex listing every request with the time taken to fulfil it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from discussions import statistics as forum_stats
from discussions.models import InformationDecision, RefusalGround
from discussions.ppid import selectors as ppid_selectors
from discussions.survey.skm import survey_results
from discussions.threads import selectors as forum
from forum_site.core.exports import Column, ColumnType, Dataset

T = ColumnType


def report_requests(*, year: int):
    """The year's public information requests with what the annex shows, oldest first."""
    return (
        forum_stats.information_requests(forum.threads_public(), year=year)
        .select_related(None)
        .select_related("unit", "category")
        .only("pk", "title", "status", "created_at", "answer_due", "extended_at",
              "first_response_at", "answered_at", "answer_working_days",
              "information_decision", "refusal_ground", "unit__name", "unit__slug",
              "category__name")
    )


def report_data(*, year: int) -> dict:
    """Context for the report: the summary figures and every request (three queries)."""
    summary = forum_stats.information_request_year(forum.threads_public(), year=year)
    decisions = [(value, label, summary.by_decision[value])
                 for value, label in InformationDecision.choices]
    grounds = [(value, label, summary.by_ground[value])
               for value, label in RefusalGround.choices]
    return {
        "year": year,
        "summary": summary,
        "decisions": decisions,
        "grounds": grounds,
        "requests": list(report_requests(year=year)),
        "objections": ppid_selectors.objection_year_figures(year=year),
        "annex_url": reverse("transparency:information_report_csv", args=[year]),
        "survey_results": survey_results(year=year),
    }


def annex_dataset(*, year: int, request=None) -> Dataset:
    def url(thread):
        path = thread.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path

    columns = (
        Column("thread_id", T.INTEGER, _("Number of the request (forum thread)."),
               lambda t: t.pk),
        Column("url", T.URL, _("Address of the request and its answer."), url),
        Column("title", T.TEXT, _("What was requested."), lambda t: t.title),
        Column("unit", T.TEXT, _("Unit (OPD) that answered."), lambda t: t.unit.name),
        Column("received_at", T.DATETIME, _("When the request was made."),
               lambda t: t.created_at),
        Column("due", T.DATE, _("Deadline for the written answer (after any extension)."),
               lambda t: t.answer_due),
        Column("extended", T.BOOLEAN, _("Whether the deadline was extended (7 working days)."),
               lambda t: t.extended_at is not None),
        Column("answered_at", T.DATETIME, _("When the written answer was published."),
               lambda t: t.answered_at),
        Column("working_days", T.INTEGER, _("Working days taken to answer."),
               lambda t: t.answer_working_days),
        Column("decision", T.TEXT, _("granted, partly_granted or refused."),
               lambda t: t.information_decision),
        Column("refusal_ground", T.TEXT, _("Ground for refusal (code)."),
               lambda t: t.refusal_ground),
        Column("status", T.TEXT, _("Status of the thread now."), lambda t: t.status),
    )
    return Dataset(
        slug=f"information-requests-{year}",
        title=_("Information requests %(year)s") % {"year": year},
        description=_("Annex to the annual public-information service report."),
        columns=columns,
        rows=lambda: report_requests(year=year).iterator(chunk_size=1000),
    )


def published_report_page(*, year: int):
    """The published InformationServiceReportPage of `year` in the active language (the
    report with the PPID's narrative), or None."""
    from forum_site.core.routing import active_locale

    from .models import InformationServiceReportPage

    return (
        InformationServiceReportPage.objects.live().public()
        .filter(year=year, locale=active_locale()).first()
    )
