"""Transparency URLs inside i18n_patterns: /statistik/ in Indonesian, /en/statistics/ in
English (URL words translated in forum_site/transparency/locale)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "transparency"

urlpatterns = [
    path(_("statistics/"), views.statistics, name="statistics"),
    path(_("statistics/units/<slug:slug>/"), views.unit_detail, name="unit_detail"),
    path(_("statistics/information-requests/"), views.information_report_index,
         name="information_report_index"),
    path(_("statistics/information-requests/<int:year>/"), views.information_report,
         name="information_report"),
    path(_("statistics/information-requests/<int:year>/annex.csv"),
         views.information_report_csv, name="information_report_csv"),
]
