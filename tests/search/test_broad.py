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
