"""The home page: key figures, the latest programs, outcomes and news, and the slot the
forum fills with its latest activity."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.templatetags import publications_tags
from tests.publications import factories as f
from tests.publications.conftest import fresh, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(module_tree, db):
    """One publication tree for the module (see module_tree); each test adds its own pages
    in its savepoint."""
    return fresh(module_tree)


def _html(client, url="/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _programs(tree, area, count, **fields):
    return [
        f.publish(f.program_page(area=area, title=f"Program Uji {n}",
                                 start_date=dt.date(2026, 1, 1 + n), **fields),
                  parent=tree.programs)
        for n in range(count)
    ]


def test_home_shows_key_figures_formatted_for_each_language(client, tree, area):
    programs = [
        *_programs(tree, area, 1, participants=1200),
        *_programs(tree, area, 1, participants=50, status="running"),
        *_programs(tree, area, 1, participants=50),
    ]
    for n, program in enumerate(programs):
        translate(program, title=f"Test program {n}", slug=f"test-program-{n}")
    html = _html(client)
    assert "Angka utama" in html
    assert '<strong class="figure">1.250</strong> peserta' in html  # completed programs only
    assert '<strong class="figure">3</strong> program' in html
    assert "2 selesai" in html
    english = _html(client, "/en/")
    assert "Key figures" in english
    assert '<strong class="figure">1,250</strong> participants' in english
    assert '<strong class="figure">3</strong> programs' in english


def test_each_language_counts_what_its_own_lists_show(client, tree, area):
    """A program and an outcome not yet translated count on the Indonesian home page
    only: /en/ counts what /en/programs/ and /en/outcomes/ list."""
    translated, untranslated = _programs(tree, area, 2, participants=20)
    translate(translated, title="Test program", slug="test-program")
    outcome = f.publish(f.outcome_page(programs=[translated]), parent=tree.outcomes)
    translate(outcome, title="Test outcome", slug="test-outcome")
    f.publish(f.outcome_page(programs=[untranslated]), parent=tree.outcomes)

    html = _html(client)
    assert '<strong class="figure">2</strong> program' in html
    assert '<strong class="figure">40</strong> peserta' in html
    assert '<strong class="figure">2</strong> capaian' in html
    assert len(client.get("/program/").context["items"]) == 2

    english = _html(client, "/en/")
    assert '<strong class="figure">1</strong> program' in english
    assert '<strong class="figure">20</strong> participants' in english
    assert '<strong class="figure">1</strong> outcome published' in english
    assert len(client.get("/en/programs/").context["items"]) == 1
    assert len(client.get("/en/outcomes/").context["items"]) == 1


def test_home_without_publications_shows_no_row_of_zeros(client, tree):
    html = _html(client)
    assert "Angka utama" not in html
    assert "Program terbaru" not in html


def test_home_lists_the_latest_three_with_links_to_the_full_lists(client, tree, area):
    programs = _programs(tree, area, 4)
    f.publish(f.outcome_page(title="Capaian Uji", programs=programs[:1]), parent=tree.outcomes)
    f.publish(f.news_page(title="Berita Uji", date=dt.date(2026, 11, 27)), parent=tree.news)
    html = _html(client)
    assert "Program Uji 0" not in html
    assert html.index("Program Uji 3") < html.index("Program Uji 2") < html.index("Program Uji 1")
    assert "Capaian Uji" in html and "Berita Uji" in html
    assert "27 November 2026" in html
    for label, href in (("Semua program", "/program/"), ("Semua capaian", "/capaian/"),
                        ("Semua berita", "/berita/")):
        assert f'<a href="{href}">{label}</a>' in html


def test_english_home_lists_english_pages_and_links_to_english_lists(client, tree, area):
    program = _programs(tree, area, 1)[0]
    translate(program, title="Test programme", slug="test-programme")
    html = _html(client, "/en/")
    assert "Test programme" in html and "Program Uji" not in html
    assert '<a href="/en/programs/">All programs</a>' in html
    assert "Latest outcomes" not in html  # nothing published in English yet


def test_home_queries_do_not_grow_with_items(client, tree, area, django_assert_max_num_queries):
    _programs(tree, area, 1)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    budget = len(few)  # read before the next request resets the query log
    assert budget <= 10  # issue 20: an anonymous page
    programs = _programs(tree, area, 5)
    for _ in range(4):
        f.publish(f.outcome_page(programs=programs, indicators=3), parent=tree.outcomes)
        f.publish(f.news_page(), parent=tree.news)
    client.get("/")  # publishing empties the site and locale cache: refill it
    with django_assert_max_num_queries(budget):
        assert client.get("/").status_code == 200


def test_home_forum_activity_slot_renders_what_the_forum_provides(client, tree, settings,
                                                                  tmp_path):
    slot = tmp_path / "discussions" / "includes"
    slot.mkdir(parents=True)
    (slot / "home_activity.html").write_text(
        '<section id="forum-activity">Forum: {{ page.title }}</section>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0],
                           "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    assert f'<section id="forum-activity">Forum: {tree.home.title}</section>' in _html(client)


def test_home_forum_activity_slot_is_empty_without_the_forum(client, tree, monkeypatch):
    monkeypatch.setattr(publications_tags, "HOME_ACTIVITY_SLOT_TEMPLATES",
                        ["no/such/template.html",
                         *publications_tags.HOME_ACTIVITY_SLOT_TEMPLATES[1:]])
    response = client.get("/")
    assert response.status_code == 200
    assert "publications/includes/discussion_slot_empty.html" in [
        t.name for t in response.templates]
