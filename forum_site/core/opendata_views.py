"""Open data (/data/): the list of every registered dataset with its columns and codes,
and the CSV / JSON downloads, streamed."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from . import opendata, ratelimit
from .exports import csv_response, json_response


@require_safe
def open_data(request):
    """What the datasets hold, column by column, with their download links."""
    datasets, code_lists = [], []
    for item in opendata.registered():
        csv_url = reverse("core:dataset_csv", args=[item.slug])
        datasets.append({
            "dataset": item.build(request),
            "csv_url": csv_url,
            "csv_bom_url": csv_url + "?bom=1",
            "json_url": reverse("core:dataset_json", args=[item.slug]),
        })
        if item.code_lists is not None:
            code_lists += [(name, list(codes)) for name, codes in item.code_lists()]
    return render(request, "core/open_data.html", {
        "datasets": datasets, "code_lists": code_lists, "feeds": opendata.feeds(),
    })


def _dataset(request, slug):
    item = opendata.get(slug)
    if item is None:
        raise Http404("No such dataset.")
    return item.build(request)


@require_safe
def dataset_csv(request, slug):
    ratelimit.hit("open_data_export", request=request)
    dataset = _dataset(request, slug)
    return csv_response(dataset, dataset.rows(), filename=f"serambi-{slug}.csv",
                        bom=request.GET.get("bom") == "1")


@require_safe
def dataset_json(request, slug):
    ratelimit.hit("open_data_export", request=request)
    dataset = _dataset(request, slug)
    return json_response(dataset, dataset.rows(), filename=f"serambi-{slug}.json",
                         meta={"generated_at": timezone.now().isoformat()})
