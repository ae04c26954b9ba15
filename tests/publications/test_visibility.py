"""Draft, scheduled, private and expired pages never appear in listings, feeds, the
sitemap, the home page or the open data."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.conftest import make_home_page
from tests.publications import factories as f
from tests.publications.conftest import make_area, make_tree

pytestmark = pytest.mark.django_db

PUBLIC = "Program Terbuka Untuk Umum"
HIDDEN = ("Program Draf", "Program Terjadwal", "Program Privat", "Program Kedaluwarsa")
HIDDEN_SLUGS = ("program-draf", "program-terjadwal", "program-privat", "program-kedaluwarsa")


@pytest.fixture(scope="module")
def tree(module_db):
    """The publication tree, built once for the module (see module_db)."""
    return make_tree(make_home_page())


@pytest.fixture(scope="module")
def pages(tree):
    """One public program and one of each kind that must stay hidden, built once for the
    module: each test only reads them, in its own savepoint."""
    area = make_area()
    public = f.publish(
        f.program_page(title=PUBLIC, slug="program-terbuka", area=area), parent=tree.programs
    )
    f.add_draft(
        f.program_page(title="Program Draf", slug="program-draf", area=area), parent=tree.programs
    )

    scheduled = f.program_page(title="Program Terjadwal", slug="program-terjadwal", area=area)
    scheduled.live = False
    tree.programs.add_child(instance=scheduled)
    scheduled.go_live_at = timezone.now() + dt.timedelta(days=7)
    scheduled.save_revision().publish()  # with a future go-live: scheduled, not live
    scheduled.refresh_from_db()
    assert not scheduled.live

    private = f.publish(
        f.program_page(title="Program Privat", slug="program-privat", area=area),
        parent=tree.programs,
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="rahasia"
    )

    expired = f.publish(
        f.program_page(title="Program Kedaluwarsa", slug="program-kedaluwarsa", area=area),
        parent=tree.programs,
    )
    # Past its expiry time, before the publish_scheduled command has unpublished it.
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - dt.timedelta(hours=1)
    )

    outcome = f.outcome_page(title="Capaian Draf", indicators=2)
    f.add_draft(outcome, parent=tree.outcomes)
    return public


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


# url → text that proves the public program is listed there (None: not that kind of list)
LISTINGS = {
    "/program/": PUBLIC,
    "/program/?year=2026": PUBLIC,
    "/program/feed/": PUBLIC,
    "/sitemap.xml": "/program/program-terbuka/",
    "/": None,  # the home template decides what to show; its context is checked below
    "/data/programs.csv": PUBLIC,
    "/data/programs.json": PUBLIC,
    "/data/outcome-indicators.csv": None,
    "/mitra/": None,
}


@pytest.mark.parametrize(("url", "visible"), LISTINGS.items())
def test_hidden_pages_never_listed(client, pages, url, visible):
    response = client.get(url)
    assert response.status_code == 200
    text = _text(response)
    for hidden in (*HIDDEN, *HIDDEN_SLUGS, "Capaian Draf"):
        assert hidden not in text
    if visible:
        assert visible in text


def test_home_page_highlights_only_public_pages(client, pages):
    context = client.get("/").context
    assert [p.title for p in context["latest_programs"]] == [PUBLIC]
    assert context["key_figures"]["programs_total"] == 1
    assert context["latest_outcomes"] == []


def test_sitemap_lists_public_pages_in_both_languages(client, pages, tree):
    text = _text(client.get("/sitemap.xml"))
    # The Wagtail Site follows SERAMBI_BASE_URL (https://serambi.test in tests).
    assert f"https://serambi.test{pages.url}" in text
    assert "https://serambi.test/en/programs/" in text
    assert "<loc>https://serambi.test/program/</loc>" in text


def test_sitemap_never_uses_the_sites_framework_row(client, pages, tree, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "forum.sulbarprov.go.id"]
    text = _text(client.get("/sitemap.xml", HTTP_HOST="forum.sulbarprov.go.id"))
    assert "<loc>https://serambi.test/program/</loc>" in text  # the Wagtail Site decides
    assert "example.com" not in text
