"""Publication URLs that are not Wagtail pages: the open data. Included inside
i18n_patterns, so /data/ is Indonesian and /en/data/ English."""

from django.urls import path

from . import views

app_name = "publications"

urlpatterns = [
    path("data/", views.open_data, name="open_data"),
    path("data/<slug:slug>.csv", views.dataset_csv, name="dataset_csv"),
    path("data/<slug:slug>.json", views.dataset_json, name="dataset_json"),
]
