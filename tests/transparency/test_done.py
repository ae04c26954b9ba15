"""Issue 7 "done means", end to end on the demo site: a citizen opens Statistik from the
menu, sees each unit's answer times and overdue threads as charts and tables, downloads
the threads CSV; a staff member produces the annual report for the current year."""

import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from forum_site.transparency.models import InformationServiceReportPage
from publications.models import HomePage

from .helpers import csv_rows

pytestmark = pytest.mark.django_db


def _draftail(text: str) -> str:
    """A rich-text field as the Wagtail admin's editor posts it."""
    return json.dumps({"blocks": [{
        "key": "a1b2c", "text": text, "type": "unstyled", "depth": 0,
        "inlineStyleRanges": [], "entityRanges": [], "data": {},
    }], "entityMap": {}})


@pytest.mark.slow(reason="builds the whole demo site (seed_demo: 7-9 s of CPU, and growing)")
def test_citizen_reads_statistics_and_staff_publish_the_annual_report(client, superuser):
    call_command("seed_demo", verbosity=0)
    InformationServiceReportPage.objects.all().delete()  # staff write this year's below
    home = client.get("/").content.decode()
    assert 'href="/statistik/"' in home

    html = client.get("/statistik/").content.decode()
    units = html[html.index('id="units"'):html.index('id="categories"')]
    assert "<svg" in units and 'role="img"' in units and "<table" in units
    assert re.search(r"\d+ / \d+ hk", units)
    overdue = html[html.index('id="overdue"'):html.index('id="training"')]
    assert "tag--overdue" in overdue

    data_page = client.get("/data/").content.decode()
    assert 'href="/data/threads.csv"' in data_page
    rows = csv_rows(client.get("/data/threads.csv"))
    assert len(rows) >= 40 and any(r["is_overdue"] == "true" for r in rows)

    year = timezone.localdate().year
    client.force_login(superuser)
    home_page = HomePage.objects.get(locale=Locale.get_default(), depth=2)
    add = reverse("wagtailadmin_pages:add",
                  args=["transparency", "informationservicereportpage", home_page.pk])
    response = client.post(add, {
        "title": f"Laporan Layanan Informasi Publik {year}",
        "slug": f"laporan-informasi-{year}",
        "year": str(year),
        "summary": "Ringkasan layanan informasi tahun ini.",
        "policy": _draftail("PPID melayani setiap permohonan informasi."),
        "obstacles": _draftail("Arsip lama belum digital."),
        "recommendations": _draftail("Digitalisasi arsip."),
        "action-publish": "publish",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    report = client.get(f"/laporan-informasi-{year}/").content.decode()
    assert f"Laporan Layanan Informasi Publik Tahun {year}" in report
    assert "Permohonan yang diterima" in report and "Ditolak" in report
    assert "PPID melayani setiap permohonan informasi." in report
