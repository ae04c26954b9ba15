"""Unit pages (threads, answer times, overdue list, programs organised) and the Atom
feeds of new official answers and of each unit's overdue threads."""

import datetime as dt
from xml.etree import ElementTree

import pytest

from tests.discussions.factories import OfficialAnswerFactory, ThreadFactory
from tests.publications import factories as pf

from .helpers import answered_after, at

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response) -> list[dict]:
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own feed
    return [{
        "title": entry.findtext(f"{ATOM}title"),
        "link": entry.find(f"{ATOM}link").get("href"),
        "author": entry.findtext(f"{ATOM}author/{ATOM}name") or "",
    } for entry in root.iter(f"{ATOM}entry")]


def test_unit_page_shows_threads_times_overdue_and_programs(
    client, home_page, unit_a, independence_day, category_a
):
    answered_after([2, 2, 3, 5, 8], category=category_a)
    late = ThreadFactory(category=category_a, is_overdue=True, title="Berkas mutasi belum diproses",
                         created_at=at(dt.date(2026, 11, 2)))
    programs = pf.program_index(parent=home_page)
    pf.publish(pf.program_page(organiser=unit_a, title="Pelatihan Analis Kebijakan",
                               participants=28), parent=programs)
    pf.publish(pf.program_page(title="Program unit lain"), parent=programs)
    response = client.get("/statistik/unit/bkpsdm/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 / 8 hk" in html and "(n=5)" in html
    assert late.title in html[html.index('id="overdue"'):]
    assert "Pelatihan Analis Kebijakan" in html and "Program unit lain" not in html
    assert 'href="/forum/feed/terlambat/bkpsdm/"' in html
    assert 'role="img"' in html
    assert client.get("/en/statistics/units/bkpsdm/").status_code == 200


def test_unknown_unit_is_404(client):
    assert client.get("/statistik/unit/tidak-ada/").status_code == 404


def test_statistics_links_each_unit_page(client, category_a):
    ThreadFactory(category=category_a)
    assert 'href="/statistik/unit/bkpsdm/"' in client.get("/statistik/").content.decode()


def test_answer_feed_lists_answers_signed_by_position(client, verified_asn, category_a):
    thread = ThreadFactory(category=category_a, title="Jadwal ujian dinas 2027")
    OfficialAnswerFactory(thread=thread, author=verified_asn, signer_name="Dewi Pegawai")
    response = client.get("/forum/feed/jawaban/")
    assert response["Content-Type"].startswith("application/atom+xml")
    (entry,) = entries(response)
    assert "Jadwal ujian dinas 2027" in entry["title"]
    assert entry["link"].endswith(
        f"/forum/{thread.pk}/#jawaban-resmi-{thread.answers.get().pk}")
    assert "Dewi Pegawai" not in response.content.decode()
    assert "Analis Kebijakan Ahli Muda" in entry["author"]


def test_overdue_feed_per_unit_oldest_first(client, category_a, category_b):
    newer = ThreadFactory(category=category_a, is_overdue=True, title="Terlambat kedua sekali",
                          created_at=at(dt.date(2026, 11, 9)))
    older = ThreadFactory(category=category_a, is_overdue=True, title="Terlambat pertama sekali",
                          created_at=at(dt.date(2026, 10, 5)))
    ThreadFactory(category=category_b, is_overdue=True, title="Terlambat di unit lain")
    feed = entries(client.get("/forum/feed/terlambat/bkpsdm/"))
    assert [e["title"] for e in feed] == [older.title, newer.title]
    assert client.get("/forum/feed/terlambat/tidak-ada/").status_code == 404


def test_pages_advertise_their_feeds(client, category_a):
    ThreadFactory(category=category_a)
    html = client.get("/statistik/").content.decode()
    assert 'type="application/atom+xml"' in html and "/forum/feed/jawaban/" in html


@pytest.mark.parametrize("url", [
    "/forum/feed/", "/forum/feed/jawaban/", "/forum/feed/terlambat/bkpsdm/",
])
def test_feed_addresses_use_the_request_host_not_the_sites_row(
        client, settings, verified_asn, category_a, url):
    """django.contrib.sites is installed (for comments) with its example.com row; the
    feeds still link to the address the site was requested on."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "forum.sulbarprov.go.id"]
    thread = ThreadFactory(category=category_a, is_overdue=True, title="Utas di umpan")
    OfficialAnswerFactory(thread=thread, author=verified_asn)
    response = client.get(url, HTTP_HOST="forum.sulbarprov.go.id", secure=True)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own feed
    addresses = [link.get("href") for link in root.iter(f"{ATOM}link")]
    addresses += [root.findtext(f"{ATOM}id")]
    assert len(addresses) >= 4  # the feed, itself, and at least one entry
    for address in addresses:
        assert address.startswith("https://forum.sulbarprov.go.id/"), address
    assert "example.com" not in response.content.decode()
    assert f"/forum/{thread.pk}/" in entries(response)[0]["link"]
