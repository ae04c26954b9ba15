"""Query budgets of the public pages at two data sizes (issue 20): ≤ 10 queries for an
anonymous page and ≤ 12 signed in, the same at both sizes.

The Wagtail pages (home, programme and outcome lists and pages) and the signed-in
statistics page do not meet the budget yet: their ceilings below are today's counts,
kept from growing; Wagtail's routing and serving (site, two locale lookups, the page and
its specific row, the ancestors' aliases and view restrictions) take 7 of them before
our template asks for anything (see the issue's note). The page cache serves them to
anonymous visitors without any query."""

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
# Today's counts for the Wagtail-served pages (anonymous, signed in): kept from growing.
# Signed in, each page also counts the header's unread notifications (one query, issue
# 17): the signed-in ceilings are one above the counts measured before it.
# Lowered by the wagtail session of 2026-12-05: view restrictions in one query (page
# and ancestors by path), the served page loaded with its locale, organiser and area
# (HomePage.route), the home's key figures in one statement, the home's lists filtered
# by locale id (home 16 → 13, programme 17 → 13, outcome 18 → 13, lists 14/11 → 13/10).
WAGTAIL_CEILINGS = {"home": (13, 16), "programs": (13, 16), "program": (13, 17),
                    "outcomes": (10, 13), "outcome": (13, 17),
                    # Signed-in visitors get the statistics computed fresh, by design
                    # (docs/architecture.md, "Cache"), whatever the data: 16, then the
                    # satisfaction survey (three queries grouped by unit), the objection
                    # figures of the information path and the header's count.
                    "statistics": (ANONYMOUS, 21)}


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
        "home": "/", "programs": world["program_index"].url, "program": world["program"].url,
        "outcomes": world["outcome_index"].url, "outcome": world["outcome"].url,
        "forum": "/forum/", "thread": thread, "thread, last page": f"{thread}?page=99",
        "statistics": "/statistik/", "search": "/cari/?q=pelatihan", "open data": "/data/",
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
        if name in WAGTAIL_CEILINGS:
            ceiling = WAGTAIL_CEILINGS[name][viewer != "anonymous"]
        else:
            ceiling = ANONYMOUS if viewer == "anonymous" else SIGNED_IN
        if count > ceiling:
            over[viewer, name] = (count, ceiling)
    assert not over, over
