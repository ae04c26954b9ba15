"""Atom feeds for programs, outcomes and news, and their discovery links."""

import xml.etree.ElementTree as ET

import pytest

from tests.publications import factories as f
from tests.publications.conftest import fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(module_tree, db):
    """One publication tree for the module (see module_tree); each test adds its own pages
    in its savepoint."""
    return fresh(module_tree)
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, not untrusted input
    assert root.tag == f"{ATOM}feed"
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "id": entry.findtext(f"{ATOM}id"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_program_feed_lists_published_programs_newest_first(client, tree, area):
    first = f.publish(f.program_page(title="Program Pertama", area=area), parent=tree.programs)
    second = f.publish(f.program_page(title="Program Kedua", area=area), parent=tree.programs)
    items = entries(client.get("/program/feed/"))
    assert [item["title"] for item in items][:2] == [second.title, first.title]
    assert items[0]["link"] == f"http://testserver{second.url}"
    assert items[0]["summary"] == second.summary
    assert items[0]["id"].startswith("urn:uuid:")


def test_outcome_and_news_feeds(client, tree):
    outcome = f.publish(f.outcome_page(title="Capaian Baru"), parent=tree.outcomes)
    news = f.publish(f.news_page(title="Berita Baru"), parent=tree.news)
    assert [i["title"] for i in entries(client.get("/capaian/feed/"))] == [outcome.title]
    assert [i["title"] for i in entries(client.get("/berita/feed/"))] == [news.title]


def test_english_feed_lists_english_pages_only(client, tree, area):
    program = f.publish(f.program_page(title="Program Indonesia", area=area),
                        parent=tree.programs)
    english = f.translate_program(program, title="English program")
    items = entries(client.get("/en/programs/feed/"))
    assert [i["title"] for i in items] == [english.title]
    assert items[0]["link"].startswith("http://testserver/en/programs/")
    # A translation is its own entry, with its own id.
    assert items[0]["id"] != entries(client.get("/program/feed/"))[0]["id"]


@pytest.mark.parametrize(("index_url", "feed_url"), [
    ("/program/", "/program/feed/"), ("/capaian/", "/capaian/feed/"),
    ("/berita/", "/berita/feed/"), ("/laporan/", "/laporan/feed/"),
    ("/en/programs/", "/en/programs/feed/"),
])
def test_index_pages_advertise_their_feed(client, tree, index_url, feed_url):
    html = client.get(index_url).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert f'href="{feed_url}"' in html
    assert client.get(feed_url).status_code == 200


def test_feed_of_unpublished_index_is_404(client, tree):
    tree.news.unpublish()
    assert client.get("/berita/feed/").status_code == 404
