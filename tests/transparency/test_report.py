"""The annual public-information service report: the decision recorded with the answer,
the generated figures, the Wagtail page staff write the narrative on, the CSV annex."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from discussions.models import ThreadKind
from forum_site.transparency.models import InformationServiceReportPage
from tests.discussions.factories import ThreadFactory

from .helpers import FRIDAY, answered_after, at, csv_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_thread(category_a):
    return ThreadFactory(category=category_a, kind=ThreadKind.INFORMATION_REQUEST,
                         title="Permohonan data jumlah ASN per golongan 2026")


def _answer(client, thread, **data):
    return client.post(reverse("discussions:answer_publish", args=[thread.pk]), {
        "body": "Data yang dimohon tidak dapat diberikan karena dikecualikan.", **data})


def test_the_decision_counted_is_the_ppids_not_an_answers(verified_asn_client,
                                                          request_thread):
    """The unit's ordinary answer neither asks for nor records the decision (issue 22:
    only PPID staff record it; tests/discussions/test_ppid_decision_access.py)."""
    html = verified_asn_client.get(request_thread.get_absolute_url()).content.decode()
    assert 'name="decision"' not in html and 'name="refusal_ground"' not in html
    assert _answer(verified_asn_client, request_thread, decision="refused",
                   refusal_ground="exempt").status_code == 403
    assert _answer(verified_asn_client, request_thread).status_code == 302
    request_thread.refresh_from_db()
    assert request_thread.answers_count == 1
    assert (request_thread.information_decision, request_thread.refusal_ground) == ("", "")


def test_other_threads_have_no_decision_field(verified_asn_client, category_a):
    thread = ThreadFactory(category=category_a)
    assert 'name="decision"' not in verified_asn_client.get(
        thread.get_absolute_url()).content.decode()


def _year_of_requests(category):
    """Five answered requests (1, 2, 4, 9, 12 working days), one waiting, one of another
    year; decisions: 3 granted, 1 partly (exempt), 1 refused (not held)."""
    threads = answered_after([1, 2, 4, 9, 12], category=category,
                             kind=ThreadKind.INFORMATION_REQUEST)
    decisions = [("granted", ""), ("granted", ""), ("partly_granted", "exempt"),
                 ("granted", ""), ("refused", "not_held")]
    for thread, (decision, ground) in zip(threads, decisions, strict=True):
        thread.information_decision, thread.refusal_ground = decision, ground
        thread.answer_due = FRIDAY + dt.timedelta(days=14)
        thread.save(update_fields=["information_decision", "refusal_ground", "answer_due"])
    ThreadFactory(category=category, kind=ThreadKind.INFORMATION_REQUEST, created_at=at(FRIDAY))
    ThreadFactory(category=category, kind=ThreadKind.INFORMATION_REQUEST,
                  created_at=at(dt.date(2025, 5, 5)))
    ThreadFactory(category=category, created_at=at(FRIDAY))  # not an information request
    return threads


def test_generated_report_counts_requests_times_and_decisions(client, independence_day,
                                                             category_a):
    _year_of_requests(category_a)
    html = client.get("/statistik/permohonan-informasi/2026/").content.decode()
    summary = html[html.index('id="report-summary"'):html.index('id="report-decisions"')]
    assert "Permohonan yang diterima</th><td class=\"num\">6<" in summary
    assert "Dijawab tertulis</th><td class=\"num\">5<" in summary
    assert "Masih diproses</th><td class=\"num\">1<" in summary
    assert "4 / 12 hk" in summary  # nearest-rank median and p90 of 1, 2, 4, 9, 12
    # Due Friday 28 August (8 working days after 14 August: 17 and 25 August are
    # holidays): the answers after 9 and 12 working days are late.
    assert "Dijawab melewati batas waktu</th><td class=\"num\">2<" in summary
    assert "Dijawab dalam batas waktu</th><td class=\"num\">3<" in summary
    decisions = html[html.index('id="report-decisions"'):html.index('id="report-requests"')]
    assert "Dikabulkan</th><td class=\"num\">3<" in decisions
    assert "Dikabulkan sebagian</th><td class=\"num\">1<" in decisions
    assert "Ditolak</th><td class=\"num\">1<" in decisions
    assert "Pasal 17)</th><td class=\"num\">1<" in decisions
    assert "Informasi tidak dikuasai oleh kantor</th><td class=\"num\">1<" in decisions
    assert "Tahun 2026" in html and "Pasal 56" in html


def test_csv_annex_has_one_row_per_request(client, independence_day, category_a):
    _year_of_requests(category_a)
    rows = csv_rows(client.get("/statistik/permohonan-informasi/2026/lampiran.csv"))
    assert len(rows) == 6
    assert sorted(int(r["working_days"]) for r in rows if r["working_days"]) == [1, 2, 4, 9, 12]
    assert {r["decision"] for r in rows} == {"granted", "partly_granted", "refused", ""}
    assert b"".join(client.get(
        "/statistik/permohonan-informasi/2026/lampiran.csv?bom=1").streaming_content
    ).startswith("\ufeff".encode())


def test_year_chooser_redirects_and_rejects_bad_years(client):
    this_year = timezone.localdate().year
    response = client.get(f"/statistik/permohonan-informasi/?year={this_year}")
    assert response.status_code == 302
    assert response["Location"] == f"/statistik/permohonan-informasi/{this_year}/"
    assert client.get("/statistik/permohonan-informasi/?year=abc").status_code == 400
    assert client.get("/statistik/permohonan-informasi/1900/").status_code == 404
    assert client.get("/en/statistics/information-requests/2026/").status_code == 200


def test_staff_report_page_renders_narrative_and_generated_figures(
    client, home_page, superuser, independence_day, category_a
):
    _year_of_requests(category_a)
    page = InformationServiceReportPage(
        title="Laporan Layanan Informasi Publik 2026", slug="laporan-informasi-2026",
        year=2026, policy="<p>PPID melayani setiap permohonan.</p>",
        obstacles="<p>Arsip lama belum digital.</p>",
        recommendations="<p>Digitalisasi arsip.</p>",
        locale=Locale.get_default(),
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/laporan-informasi-2026/").content.decode()
    for text in ("PPID melayani setiap permohonan.", "Arsip lama belum digital.",
                 "Digitalisasi arsip.", "4 / 12 hk", "Lampiran: permohonan informasi",
                 "/statistik/permohonan-informasi/2026/lampiran.csv"):
        assert text in html
    # Staff write it in the Wagtail admin: the add form for the page type is there.
    client.force_login(superuser)
    add = reverse("wagtailadmin_pages:add",
                  args=["transparency", "informationservicereportpage", home_page.pk])
    assert client.get(add).status_code == 200


def test_print_stylesheet_is_linked_and_styles_the_report(client):
    from django.contrib.staticfiles import finders

    with open(finders.find("transparency/transparency.css"), encoding="utf-8") as handle:
        css = handle.read()
    assert "@media print" in css and ".report" in css
    assert "transparency/transparency.css" in client.get(
        "/statistik/permohonan-informasi/2026/").content.decode()
