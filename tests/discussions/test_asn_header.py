"""The overdue count in a verified ASN's header (issue 17): their unit's threads past a
deadline, linked to the unit queue, for one query; nobody else sees it and anonymous
pages stay as they were (cacheable)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from discussions.models import ThreadStatus, ThreadVisibility
from tests.conftest import make_people

from .conftest import client_for
from .factories import CategoryFactory, ThreadFactory


@pytest.fixture(scope="module")
def world(module_db):
    people = make_people()
    category = CategoryFactory(name="Pelatihan", slug="pelatihan",
                               default_unit=people["unit_a"])
    other = CategoryFactory(name="Kesehatan", slug="kesehatan", default_unit=people["unit_b"])
    author = people["citizen"]
    for _n in range(3):
        ThreadFactory(category=category, author=author, is_overdue=True)
    ThreadFactory(category=category, author=author)  # on time
    ThreadFactory(category=category, author=author, is_overdue=True,
                  status=ThreadStatus.ANSWERED)  # answered: no longer waits for the unit
    ThreadFactory(category=category, author=author, is_overdue=True,
                  visibility=ThreadVisibility.HIDDEN)  # hidden by a moderator
    ThreadFactory(category=other, author=author, is_overdue=True)  # another unit's
    return people


def _header(html: str) -> str:
    return html.split('class="account-nav"', 1)[1].split("</nav>", 1)[0]


def test_verified_asn_sees_their_units_overdue_count_linked_to_the_queue(world):
    response = client_for(world["verified_asn"]).get("/forum/")
    header = _header(response.content.decode())
    assert 'href="/forum/antrean/"' in header
    assert 'class="count-badge">3</span><span class="visually-hidden"> terlambat' in header


@pytest.mark.parametrize("who", ["citizen", "pending_asn", "moderator"])
def test_others_see_no_unit_queue_count(world, who):
    header = _header(client_for(world[who]).get("/forum/").content.decode())
    assert "terlambat" not in header and "/forum/antrean/" not in header


def test_the_count_costs_one_query_and_anonymous_pages_are_unchanged(world):
    counts = {}
    for who in ("citizen", "verified_asn"):
        client = client_for(world[who])
        client.get("/forum/")  # warm: content types, session
        with CaptureQueriesContext(connection) as queries:
            client.get("/forum/")
        counts[who] = len(queries)
    assert counts["verified_asn"] <= counts["citizen"] + 1, counts

    response = Client().get("/forum/")
    assert "/forum/antrean/" not in response.content.decode()
    assert response["Cache-Control"] == "public, max-age=60" and not response.cookies
