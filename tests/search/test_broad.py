"""Very broad searches: past SERAMBI_SEARCH_COUNT_CAP matches the database engine counts,
ranks and facets only the newest N matches, and the page and the API say so."""

import datetime as dt

import pytest

from tests.discussions.conftest import category  # noqa: F401 - fixture
from tests.discussions.factories import ThreadFactory

from .conftest import index_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(category, settings):  # noqa: F811
    settings.SERAMBI_SEARCH_COUNT_CAP = 10
    threads = []
    for day in range(14):
        thread = ThreadFactory(category=category, title=f"Kopi pagi nomor {day}",
                               body="Obrolan santai.", indexed=False)
        thread.created_at = thread.created_at.replace(year=2025) + dt.timedelta(days=day)
        thread.save(update_fields=["created_at"])
        threads.append(thread)
    return threads


def test_broad_search_says_more_than_n(client, engine, many):
    index_everything(engine)
    data = client.get("/api/search", {"q": "kopi"}).json()
    if engine.name != "database":
        assert data["total"] == 14 and not data["total_is_lower_bound"]
        return
    assert data["total"] == 10 and data["total_is_lower_bound"] is True
    assert sum(v["count"] for v in data["facets"]["type"]) == 10
    assert data["pages"] == 1
    page = client.get("/cari/", {"q": "kopi"}).content.decode()
    assert "Lebih dari 10 hasil" in page
    assert "10 kecocokan terbaru" in page
    # Sorted by date, newest first.
    newest = client.get("/api/search", {"q": "kopi", "sort": "newest"}).json()
    assert newest["results"][0]["title"] == "Kopi pagi nomor 13"


def test_narrow_search_is_exact(client, engine, many):
    index_everything(engine)
    data = client.get("/api/search", {"q": "kopi nomor 3"}).json()
    assert data["total_is_lower_bound"] is False
    assert data["total"] >= 1


def test_a_filter_gives_an_exact_total_while_its_own_counts_cover_the_window(
        client, engine, many, category_b):  # noqa: F811
    """14 matches, cap 10: filtered on the other unit (2 threads) the total is exact; the
    unit facet's own counts (counted without the unit filter) cover the 10 newest."""
    for n in range(2):
        ThreadFactory(category=category_b, title=f"Kopi sore nomor {n}", body="Obrolan.",
                      indexed=False)
    index_everything(engine)
    unit_b = category_b.default_unit.slug
    data = client.get("/api/search", {"q": "kopi", "unit": unit_b}).json()
    assert data["total"] == 2 and data["total_is_lower_bound"] is False
    assert {r["title"] for r in data["results"]} == {"Kopi sore nomor 0", "Kopi sore nomor 1"}
    if engine.name != "database":
        return
    assert data["facet_counts_cover"] == 10
    assert sum(v["count"] for v in data["facets"]["unit"]) == 10
    assert sum(v["count"] for v in data["facets"]["type"]) == 2
    page = client.get("/cari/", {"q": "kopi", "unit": unit_b}).content.decode()
    assert "Lebih dari" not in page
    assert "10 kecocokan terbaru" in page
