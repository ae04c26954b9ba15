"""The public-information register (DIP): validation and the editors' refresh flags."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from publications.models import PublicInformationEntry
from tests.publications import factories as f

pytestmark = pytest.mark.django_db


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


@pytest.fixture
def entries(unit_a):
    return {
        "stale": f.PublicInformationEntryFactory(
            title="Laporan keuangan 2025", category="berkala", last_updated=days_ago(200),
            responsible_unit=unit_a),
        "fresh": f.PublicInformationEntryFactory(
            title="Ringkasan program", category="berkala", last_updated=days_ago(30),
            responsible_unit=unit_a),
        "old_on_request": f.PublicInformationEntryFactory(
            title="SOP pelatihan", category="setiap_saat", last_updated=days_ago(400),
            responsible_unit=unit_a),
        "overdue": f.PublicInformationEntryFactory(
            title="Jadwal pelatihan", category="setiap_saat", last_updated=days_ago(40),
            refresh_due=days_ago(1), responsible_unit=unit_a),
    }


def test_periodic_items_older_than_six_months_and_overdue_items_need_refresh(entries):
    flagged = set(PublicInformationEntry.objects.needing_refresh().values_list("title",
                                                                               flat=True))
    assert flagged == {"Laporan keuangan 2025", "Jadwal pelatihan"}
    assert entries["stale"].needs_refresh() and not entries["fresh"].needs_refresh()
    assert not entries["old_on_request"].needs_refresh()


def test_exempt_information_needs_a_reason_and_is_never_linked(unit_a):
    entry = PublicInformationEntry(category="dikecualikan", title="Data pribadi peserta",
                                   responsible_unit=unit_a, last_updated=dt.date(2026, 1, 5),
                                   link="https://contoh.go.id/data.xlsx")
    with pytest.raises(ValidationError) as excinfo:
        entry.full_clean()
    assert set(excinfo.value.message_dict) == {"exemption_reason", "document"}


def test_admin_listing_filters_entries_that_need_refresh(comms_client, entries):
    response = comms_client.get(
        "/admin/snippets/publications/publicinformationentry/?needs_refresh=true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Laporan keuangan 2025" in html and "Jadwal pelatihan" in html
    assert "Ringkasan program" not in html and "SOP pelatihan" not in html
    all_entries = comms_client.get("/admin/snippets/publications/publicinformationentry/")
    assert "Ringkasan program" in all_entries.content.decode()


def test_dashboard_flags_stale_entries_to_editors(comms_client, entries):
    html = comms_client.get("/admin/").content.decode()
    assert 'id="stale-public-information-section"' in html
    assert "Laporan keuangan 2025" in html and "Ringkasan program" not in html
    assert "needs_refresh=true" in html


def test_dashboard_panel_hidden_when_nothing_is_stale(comms_client, unit_a):
    f.PublicInformationEntryFactory(category="berkala", last_updated=days_ago(1),
                                    responsible_unit=unit_a)
    assert "stale-public-information" not in comms_client.get("/admin/").content.decode()
