"""A unit's public page: its threads, answer times, overdue list and the programs it
organised (reads from the discussions and publications selectors)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from discussions import statistics as forum_stats
from discussions.survey.skm import survey_result
from discussions.threads import selectors as forum
from forum_site.core.routing import active_locale
from publications import selectors as publications

from . import charts
from .sections import days_text

LATEST_THREADS = 10
OVERDUE_LENGTH = 50


def unit_page_data(*, unit) -> dict:
    threads = forum.threads_public().filter(unit=unit)
    counts = forum_stats.status_counts(threads).get(0, forum_stats.Counts())
    figures = forum_stats.duration_figures(threads).get(0, {})
    figure_rows = [(key, figures.get(key, forum_stats.EMPTY)) for key in forum_stats.METRICS]
    labels = {
        "first_response": _("First response"),
        "answer": _("Official answer"),
        "resolution": _("Resolution"),
    }
    return {
        "unit": unit,
        "counts": counts,
        "figures": figure_rows,
        "chart": charts.bar_chart(
            chart_id="chart-unit-times",
            title=_("Working days to each step at %(unit)s") % {"unit": unit.name},
            description=_("Median and 90th percentile of the working days from a new thread "
                          "to the first response, the official answer and resolution."),
            series=[charts.Series(_("Median"), "median"),
                    charts.Series(_("90th percentile"), "p90")],
            rows=[(labels[key], [f.median if f.enough else None, f.p90 if f.enough else None])
                  for key, f in figure_rows],
            fmt=days_text, empty_text=_("not enough data"),
        ),
        "overdue": forum_stats.oldest_overdue(threads, limit=OVERDUE_LENGTH,
                                              related=("unit", "category")),
        "latest": list(
            threads.select_related(None).select_related("category")
            .order_by("-created_at", "-pk")[:LATEST_THREADS]
        ),
        "programs": publications.programs_organised_by(unit=unit,
                                                       locale=active_locale()),
        "today": timezone.localdate(),
        "survey": survey_result(unit=unit, year=timezone.localdate().year),
    }
