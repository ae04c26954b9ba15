from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from . import opendata_views

app_name = "core"

urlpatterns = [
    path(_("privacy/"), TemplateView.as_view(template_name="core/privacy.html"), name="privacy"),
    path("data/", opendata_views.open_data, name="open_data"),
    path("data/<slug:slug>.csv", opendata_views.dataset_csv, name="dataset_csv"),
    path("data/<slug:slug>.json", opendata_views.dataset_json, name="dataset_json"),
]
