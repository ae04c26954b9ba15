"""Statistics (/statistik/), unit pages and the annual information-service report."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from forum_site.accounts import selectors as accounts
from forum_site.core import ratelimit
from forum_site.core.exports import csv_response

from .forms import ReportYearForm, StatisticsFilterForm
from .report import annex_dataset, published_report_page, report_data
from .statistics import statistics_data
from .units import unit_page_data


@require_safe
def statistics(request):
    """Every section for the filters in the URL; the figures come from the cache until
    what they count changes (`statistics.statistics_data`)."""
    form = StatisticsFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    filters = form.filters()
    data = statistics_data(filters)
    context = {"form": form, "filters": filters, **data}
    return render(request, "transparency/statistics.html", context,
                  status=200 if valid else 400)


@require_safe
def unit_detail(request, slug: str):
    unit = get_object_or_404(accounts.unit_list_all(), slug=slug)
    return render(request, "transparency/unit_detail.html", unit_page_data(unit=unit))


@require_safe
def information_report_index(request):
    """The year chooser: ?year=YYYY goes to that year's report."""
    form = ReportYearForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("transparency:information_report", year=form.cleaned_data["year"])
    return render(request, "transparency/information_report_index.html", {"form": form},
                  status=400 if form.is_bound else 200)


@require_safe
def information_report(request, year: int):
    if not 2008 <= year <= 2100:
        return render(request, "404.html", status=404)
    context = {**report_data(year=year), "form": ReportYearForm(initial={"year": year}),
               "report_page": published_report_page(year=year)}
    return render(request, "transparency/information_report.html", context)


@require_safe
def information_report_csv(request, year: int):
    ratelimit.hit("open_data_export", request=request)
    dataset = annex_dataset(year=year, request=request)
    return csv_response(dataset, dataset.rows(), bom=request.GET.get("bom") == "1",
                        filename=f"laporan-layanan-informasi-{year}-lampiran.csv")
