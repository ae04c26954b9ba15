"""Query budgets of the public pages at two data sizes (issue 20): ≤ 10 queries for an
anonymous page and ≤ 12 signed in, the same at both sizes.

Every page is within them (measured here, SQLite; PostgreSQL the same or fewer). The
statistics page serves every visitor its figures from the cache until a change they count
(docs/architecture.md, "Cache"); computing them is budgeted in
tests/transparency/test_statistics.py. A Wagtail page pays for the view restriction, the
page found by its path (with its parent) and its specific row; the Site, the locales
and the root page come from the cache (forum_site/core/routing.py), refilled by the
first request after an editor's change (the warm request below)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from discussions.models import Comment
from tests.bulk import copy_comment_trees, multiply_rows
from tests.conftest import make_home_page, make_people
from tests.discussions.comment_support import make_comment
from tests.discussions.conftest import client_for
from tests.discussions.factories import CategoryFactory, ThreadFactory
from tests.publications import factories as pages

ANONYMOUS, SIGNED_IN = 10, 12


@pytest.fixture(scope="module")
def world(module_db):
    from django.conf import settings

    people = make_people()
    home = make_home_page()
    program_index = pages.program_index(parent=home)
    outcome_index = pages.outcome_index(parent=home)
    program = pages.publish(pages.program_page(), parent=program_index)
    outcome = pages.publish(pages.outcome_page(), parent=outcome_index)
    category = CategoryFactory(name="Pelatihan", slug="pelatihan",
                               default_unit=people["unit_a"])
    thread = ThreadFactory(category=category, author=people["citizen"])
    limits, settings.SERAMBI_RATE_LIMITS_ENABLED = settings.SERAMBI_RATE_LIMITS_ENABLED, False
    try:
        seed = [make_comment(thread, user=people["verified_asn"], text=f"Komentar {n} ya")
                for n in range(2)]
    finally:
        settings.SERAMBI_RATE_LIMITS_ENABLED = limits
    return {**people, "home": home, "program_index": program_index,
            "outcome_index": outcome_index, "program": program, "outcome": outcome,
            "category": category, "thread": thread, "seed": seed}


def _urls(world) -> dict[str, str]:
    thread = world["thread"].get_absolute_url()
    return {
        "home": "/", "home, English": "/en/",
        "programs": world["program_index"].url, "program": world["program"].url,
        "outcomes": world["outcome_index"].url, "outcome": world["outcome"].url,
        "forum": "/forum/", "thread": thread, "thread, last page": f"{thread}?page=99",
        "statistics": "/statistik/", "statistics, English": "/en/statistics/",
        "search": "/cari/?q=pelatihan", "open data": "/data/",
        "moderation ledger": "/forum/catatan-moderasi/",
    }


def _counts(world) -> dict[tuple[str, str], int]:
    counts = {}
    for viewer in ("anonymous", "citizen"):
        client = Client() if viewer == "anonymous" else client_for(world["citizen"])
        for name, url in _urls(world).items():
            client.get(url)  # warm: content types, site root paths, session
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            counts[viewer, name] = len(queries)
    return counts


def _grow(world) -> None:
    """Ten times the rows: threads, comments (on the thread: 60 top-level, three pages),
    programmes and outcomes."""
    multiply_rows(type(world["thread"]).objects.all(), total=300)
    copy_comment_trees(world["seed"], copies=29, object_pk=world["thread"].pk)
    for _n in range(4):
        pages.publish(pages.program_page(), parent=world["program_index"])
        pages.publish(pages.outcome_page(), parent=world["outcome_index"])


def test_public_pages_keep_their_query_budget_at_two_sizes(db, world):
    small = _counts(world)
    _grow(world)
    assert Comment.objects.filter(object_pk=str(world["thread"].pk)).count() == 60
    large = _counts(world)
    assert small == large, {key: (small[key], large[key]) for key in small
                            if small[key] != large[key]}
    over = {}
    for (viewer, name), count in large.items():
        ceiling = ANONYMOUS if viewer == "anonymous" else SIGNED_IN
        if count > ceiling:
            over[viewer, name] = (count, ceiling)
    assert not over, over
