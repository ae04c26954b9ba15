"""Open data (/data/) and the sitemap. Publication pages themselves are Wagtail pages."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from forum_site.core.exports import csv_response, json_response

from . import selectors
from .models import OutcomeStatus, ProgramFormat, ProgramStatus
from .opendata import DATASETS
from .sitemaps import SiteSitemap


@require_safe
def open_data(request):
    """What the datasets hold, column by column, with their download links."""
    datasets = []
    for slug, build in DATASETS.items():
        csv_url = reverse("publications:dataset_csv", args=[slug])
        datasets.append({
            "dataset": build(request),
            "csv_url": csv_url,
            "csv_bom_url": csv_url + "?bom=1",
            "json_url": reverse("publications:dataset_json", args=[slug]),
        })
    return render(request, "publications/open_data.html", {
        "datasets": datasets,
        "code_lists": [
            ("format", ProgramFormat.choices),
            ("status", ProgramStatus.choices),
            ("outcome_status", OutcomeStatus.choices),
        ],
        "competency_areas": selectors.competency_areas(),
    })


def _dataset(request, slug):
    build = DATASETS.get(slug)
    if build is None:
        raise Http404("No such dataset.")
    return build(request)


@require_safe
def dataset_csv(request, slug):
    dataset = _dataset(request, slug)
    return csv_response(dataset, dataset.rows(), filename=f"serambi-{slug}.csv",
                        bom=request.GET.get("bom") == "1")


@require_safe
def dataset_json(request, slug):
    dataset = _dataset(request, slug)
    return json_response(dataset, dataset.rows(), filename=f"serambi-{slug}.json",
                         meta={"generated_at": timezone.now().isoformat()})


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": SiteSitemap})
