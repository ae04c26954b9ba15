"""The search page and API over HTTP: bad input, paging, rate limit, query budget."""

import time

import pytest
from django.urls import reverse

from tests.discussions.factories import ThreadFactory

pytestmark = pytest.mark.django_db

BAD_INPUT = [
    "",
    "   ",
    "x" * 10_000,
    "pelatihan " * 50,
    '"',
    "'",
    '"pelatihan',
    "AND OR NOT",
    "pelatihan AND NOT kepemimpinan OR",
    "*",
    "pelat*",
    "~",
    "pelatihan~2",
    ":",
    "title:pelatihan",
    "pelatihan:*",
    "\\",
    "\\\\' \\\"",
    "'; DROP TABLE serambi_search_searchentry; --",
    "1' OR '1'='1",
    "a & b | !c <-> d",
    "((( ]]] {{{",
    "NEAR(pelatihan kepemimpinan, 2)",
    "😀🙏🏽 pelatihan",
    "\u200b\u200c\u200d\ufeff",
    "pela\u200btihan",
    "\u202egnitset\u202c",
    "\u0000 nul",
    "<script>alert('x')</script>",
    "%",
    "_",
    "pelatihan%20kepemimpinan",
]


@pytest.fixture
def threads(category):
    ThreadFactory(category=category, title="Jadwal pelatihan kepemimpinan pengawas")
    ThreadFactory(category=category, title="Syarat pelatihan kepemimpinan administrator")


@pytest.mark.parametrize("text", BAD_INPUT)
def test_bad_input_gives_a_normal_page(client, threads, text):
    start = time.monotonic()
    response = client.get("/cari/", {"q": text})
    elapsed = time.monotonic() - start
    assert response.status_code == 200
    assert elapsed < 1.0
    page = response.content.decode()
    assert "<script>alert" not in page
    if "<script>" in text:
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    api = client.get("/api/search", {"q": text})
    assert api.status_code in (200, 400)
    assert api.headers["Content-Type"] == "application/json"


def test_empty_search_invites_a_query(client):
    response = client.get("/cari/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="q"' in page and "Cari program, capaian" in page
    assert "hasil untuk" not in page


def test_too_long_query_says_so(client, threads):
    page = client.get("/cari/", {"q": "pelatihan " * 30}).content.decode()
    assert "terlalu panjang" in page
    response = client.get("/api/search", {"q": "x" * 10_000})
    assert response.status_code == 400 and "200" in response.json()["error"]


def test_query_is_kept_in_the_box_escaped(client, threads):
    page = client.get("/cari/", {"q": 'pelatihan "<b>x</b>"'}).content.decode()
    assert 'value="pelatihan &quot;&lt;b&gt;x&lt;/b&gt;&quot;"' in page


def test_results_show_badges_highlights_and_facets(client, threads):
    page = client.get("/cari/", {"q": "pelatihan kepemimpinan"}).content.decode()
    assert "2 hasil untuk “pelatihan kepemimpinan”" in page
    assert 'class="tag search-type search-type--thread">Topik forum<' in page
    assert "<mark>pelatihan</mark>" in page.lower()
    assert 'name="type" value="thread"' in page and "(2)" in page
    assert "Saring hasil" in page


def test_english_page(client, threads):
    assert reverse("search:search") == "/cari/"
    response = client.get("/en/search/", {"q": "pelatihan"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 results for “pelatihan”" in page and ">Forum thread<" in page


def test_no_results_help(client, threads):
    page = client.get("/cari/", {"q": "zzzyyyxxx"}).content.decode()
    assert "Tidak ada yang cocok" in page and 'href="/forum/"' in page


def test_pages_and_out_of_range(client, category):
    for n in range(12):
        ThreadFactory(category=category, title=f"Pelatihan jabatan fungsional {n}")
    first = client.get("/cari/", {"q": "fungsional"}).content.decode()
    assert "Halaman 1 dari 2" in first and "page=2" in first and "q=fungsional" in first
    second = client.get("/cari/", {"q": "fungsional", "page": "2"})
    assert second.status_code == 200 and "Halaman 2 dari 2" in second.content.decode()
    assert client.get("/cari/", {"q": "fungsional", "page": "3"}).status_code == 404
    assert client.get("/cari/", {"q": "fungsional", "page": "99999999999"}).status_code == 404
    assert client.get("/cari/", {"q": "fungsional", "page": "abc"}).status_code == 200
    assert client.get("/cari/", {"q": "fungsional", "page": "-1"}).status_code == 200
    assert client.get("/api/search", {"q": "fungsional", "page": "3"}).status_code == 404


def test_api_schema(client, threads, category):
    data = client.get("/api/search", {"q": "pelatihan", "type": "thread"}).json()
    assert set(data) == {"query", "sort", "page", "pages", "per_page", "total",
                         "total_is_lower_bound", "facet_counts_cover", "engine", "results",
                         "facets", "suggestion"}
    assert data["total"] == 2 and data["page"] == 1 and data["pages"] == 1
    assert data["total_is_lower_bound"] is False
    result = data["results"][0]
    assert set(result) == {"type", "type_label", "id", "url", "title", "title_html",
                           "snippet_html", "date", "unit", "status", "matches"}
    assert result["url"].startswith("http://testserver/forum/")
    assert result["status"] == "Terbuka" and result["type_label"] == "Topik forum"
    assert data["facets"]["type"] == [
        {"value": "thread", "label": "Topik forum", "count": 2, "selected": True}]
    english = client.get("/api/search", {"q": "pelatihan", "lang": "en"}).json()
    assert english["results"][0]["status"] == "Open"


def test_anonymous_search_is_rate_limited(client, citizen_client, settings, threads):
    settings.SERAMBI_RATE_LIMITS = {**settings.SERAMBI_RATE_LIMITS, "search": {"ip": "3/m"}}
    for _ in range(3):
        assert client.get("/cari/", {"q": "pelatihan"}).status_code == 200
    limited = client.get("/cari/", {"q": "pelatihan"})
    assert limited.status_code == 429 and "Retry-After" in limited.headers
    assert client.get("/api/search", {"q": "pelatihan"}).status_code == 429
    for _ in range(5):  # signed-in visitors are not limited per address
        assert citizen_client.get("/cari/", {"q": "pelatihan"}).status_code == 200


def test_search_page_query_budget(client, category, django_assert_max_num_queries):
    for n in range(15):
        ThreadFactory(category=category, title=f"Pelatihan kepemimpinan angkatan {n}")
    client.get("/cari/", {"q": "warm"})  # site and translation caches
    with django_assert_max_num_queries(8):
        response = client.get("/cari/", {"q": "pelatihan kepemimpinan", "sort": "newest",
                                         "unit": category.default_unit.slug})
    assert response.status_code == 200 and "15 hasil" in response.content.decode()


def test_header_has_a_search_box_and_the_menu_links_search(client, home_page):
    page = client.get("/").content.decode()
    assert 'role="search"' in page and 'action="/cari/"' in page
    assert 'href="/cari/"' in page
