"""The program index over HTTP, each test with programs of its own: pagination, the English
list, the query budget as programs are added (tests/publications/test_program_index.py
reads one set of programs built once for its module)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.factories import UnitFactory
from tests.publications import factories as f
from tests.publications.conftest import fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(module_tree, db):
    """One publication tree for the module (see module_tree); each test adds its own pages
    in its savepoint."""
    return fresh(module_tree)


def titles(response) -> list[str]:
    return [program.title for program in response.context["items"]]


def test_program_index_paginates_and_keeps_filters_in_links(client, tree, area):
    for n in range(14):
        f.publish(f.program_page(title=f"Program {n:02d}", area=area,
                                 start_date=dt.date(2026, 1, 1) + dt.timedelta(days=n)),
                  parent=tree.programs)
    first = client.get("/program/?area=manajemen-proyek&year=2026")
    assert len(first.context["items"]) == 12
    assert first.context["next_url"] == "?area=manajemen-proyek&year=2026&page=2"
    html = first.content.decode()
    assert 'href="?area=manajemen-proyek&amp;year=2026&amp;page=2"' in html
    assert 'rel="next"' in html
    second = client.get(first.context["next_url"].replace("?", "/program/?"))
    assert titles(second) == ["Program 01", "Program 00"]
    assert second.context["previous_url"] == "?area=manajemen-proyek&year=2026"


def test_program_index_in_english_uses_english_labels(client, tree, area):
    english = f.translate_program(f.publish(f.program_page(area=area), parent=tree.programs))
    response = client.get("/en/programs/?area=manajemen-proyek")
    assert response.status_code == 200
    assert titles(response) == [english.title]
    html = response.content.decode()
    assert "Project management" in html and 'lang="en"' in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/program/", "/program/?area=manajemen-proyek&year=2026"])
def test_program_index_query_count_does_not_grow_with_programs(
    client, tree, area, django_assert_max_num_queries, url
):
    partners = f.PartnerInstitutionFactory.create_batch(3)
    units = UnitFactory.create_batch(3)

    def add(n):
        for i in range(n):
            f.publish(f.program_page(area=area, organiser=units[i % 3], partners=partners,
                                     start_date=dt.date(2026, 1, 1 + i % 28)),
                      parent=tree.programs)

    add(2)
    client.get(url)  # warm caches (site root paths) as in production
    small = _queries(client, url)
    add(20)
    client.get(url)  # publishing empties the site and locale cache: refill it
    with django_assert_max_num_queries(small):
        client.get(url)
    assert small <= 10  # issue 20: an anonymous page
