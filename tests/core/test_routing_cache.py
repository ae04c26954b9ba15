"""Wagtail's Site, Locale and root page from the cache (forum_site/core/routing.py, issue
20): what a visitor sees after an editor's change is the change, on the very next
request, in both languages; and an entry computed from rows read before a change
commits is never served after it."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, Site

from forum_site.core import routing
from publications.models import HomePage
from tests.publications import factories as pages

pytestmark = pytest.mark.django_db


def _html(url: str, status: int = 200) -> str:
    response = Client().get(url)
    assert response.status_code == status, url
    return response.content.decode()


def _publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_root_page_served_without_site_locale_or_page_queries(home_page):
    _html("/")
    with CaptureQueriesContext(connection) as queries:
        _html("/")
    sql = [query["sql"] for query in queries.captured_queries]
    assert not [q for q in sql if q.startswith(('SELECT "wagtailcore_site"',
                                                'SELECT "wagtailcore_locale"'))]
    assert not [q for q in sql if 'FROM "publications_homepage"' in q]


def test_an_edited_home_page_shows_at_once_in_both_languages(home_page):
    assert "Ruang bertanya" in _html("/")
    english = home_page.get_translation(Locale.objects.get(language_code="en"))
    assert "A place to ask" in _html("/en/")
    _publish(HomePage.objects.get(pk=home_page.pk), intro="Pengantar yang baru.")
    assert "Pengantar yang baru." in _html("/")
    _publish(HomePage.objects.get(pk=english.pk), intro="A new introduction.")
    assert "A new introduction." in _html("/en/")
    assert "Pengantar yang baru." in _html("/")


def test_an_unpublished_home_page_is_gone_at_once(home_page):
    _html("/")
    english = home_page.get_translation(Locale.objects.get(language_code="en"))
    _html("/en/")
    english.unpublish()
    # An English reader falls back to the Indonesian home, as Wagtail's `.localized` does.
    assert "Ruang bertanya" in _html("/en/")
    HomePage.objects.get(pk=home_page.pk).unpublish()
    _html("/", status=404)


def test_a_new_site_root_is_served_at_once(home_page):
    _html("/")
    other = Page.get_first_root_node().add_child(instance=HomePage(
        title="Beranda kedua", slug="beranda-kedua", intro="Situs yang kedua.",
        locale=Locale.objects.get(language_code="id")))
    other.save_revision().publish()
    assert "Ruang bertanya" in _html("/")  # publishing elsewhere changes nothing here
    site = Site.objects.get(is_default_site=True)
    site.root_page = other
    site.save()
    assert "Situs yang kedua." in _html("/")


def test_a_new_hostname_gets_its_own_site(home_page, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "kedua.testserver"]
    _html("/")
    other = Page.get_first_root_node().add_child(instance=HomePage(
        title="Beranda kedua", slug="beranda-kedua", intro="Situs yang kedua.",
        locale=Locale.objects.get(language_code="id")))
    other.save_revision().publish()
    Site.objects.create(hostname="kedua.testserver", port=80, root_page=other)
    response = Client().get("/", HTTP_HOST="kedua.testserver")
    assert "Situs yang kedua." in response.content.decode()
    assert "Ruang bertanya" in _html("/")


def test_a_moved_or_renamed_page_is_found_at_its_new_address(home_page):
    index = pages.program_index(parent=home_page)
    program = pages.publish(pages.program_page(slug="lama"), parent=index)
    _html("/program/lama/")
    _publish(program.specific, slug="baru")
    _html("/program/baru/")
    _html("/program/lama/", status=404)


def test_a_breadcrumb_parent_read_with_the_page_is_the_pages_parent(home_page):
    index = pages.program_index(parent=home_page)
    program = pages.publish(pages.program_page(), parent=index)
    html = _html(program.url)
    breadcrumbs = html[html.index('class="breadcrumbs"'):]
    breadcrumbs = breadcrumbs[:breadcrumbs.index("</nav>")]
    assert 'href="/"' in breadcrumbs and f'href="{index.url}">{index.title}</a>' in breadcrumbs


def test_an_entry_cached_from_rows_read_before_a_commit_is_not_served_after_it(
    home_page, django_capture_on_commit_callbacks
):
    request = RequestFactory().get("/")
    _html("/")
    before = routing.site_for_request(request)  # the rows as another worker read them
    with django_capture_on_commit_callbacks(execute=True):
        _publish(HomePage.objects.get(pk=home_page.pk), intro="Pengantar yang baru.")
        # Another worker, still reading the committed rows, stores them under the
        # generation this change drew at once:
        key = f"routing:site:{request.get_host()}:80"
        cache.set(key, (cache.get(routing.GENERATION_KEY), before))
        assert "Ruang bertanya" in _html("/")  # the stale entry, until the commit
    assert "Pengantar yang baru." in _html("/")


def test_the_active_locale_follows_the_language_and_a_new_locale(db):
    from django.utils import translation

    Locale.objects.filter(language_code="en").delete()
    with translation.override("en"):  # no English locale: the default's, as in Wagtail
        assert routing.active_locale().language_code == "id"
    Locale.objects.create(language_code="en")
    with translation.override("en"):
        assert routing.active_locale().language_code == "en"
    with translation.override("id"):
        assert routing.active_locale().language_code == "id"


def test_a_home_page_saved_outside_the_editor_shows_at_once(home_page):
    """A script or the shell saving the page directly (no revision, no publish signal)."""
    _html("/")
    home = HomePage.objects.get(pk=home_page.pk)
    home.intro = "Diubah lewat skrip."
    home.save()
    assert "Diubah lewat skrip." in _html("/")
