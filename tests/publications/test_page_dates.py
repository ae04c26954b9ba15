"""Programs, outcomes, reports and news say when they were published and last updated,
visibly and in the site's time zone (issue 18), in one time format per language (issue 17)."""

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import make_unit_a
from tests.publications import factories as f
from tests.publications.conftest import fresh, make_area

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")
FIRST = dt.datetime(2026, 11, 2, 9, 15, tzinfo=WITA)
LATER = dt.datetime(2026, 11, 20, 14, 5, tzinfo=WITA)


def _publish_at(moment, page, *, parent=None):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        if parent is not None:
            return f.publish(page, parent=parent)
        page.save_revision().publish()
        return page


@pytest.fixture(scope="module")
def module_pages(module_tree):
    """A program, an outcome, a news item and a report published at FIRST, built once for
    the module; each test gets its own copies (fresh) and undoes its changes (savepoint)."""
    tree = module_tree
    program = _publish_at(FIRST, f.program_page(area=make_area(), organiser=make_unit_a()),
                          parent=tree.programs)
    return {
        "program": program,
        "outcome": _publish_at(FIRST, f.outcome_page(programs=[program]), parent=tree.outcomes),
        "news": _publish_at(FIRST, f.news_page(), parent=tree.news),
        "report": _publish_at(FIRST, f.report_page(), parent=tree.reports),
    }


@pytest.fixture
def pages(module_pages, db):
    return fresh(module_pages)


@pytest.mark.parametrize("kind", ["program", "outcome", "news", "report"])
def test_each_publication_shows_when_it_was_published(client, pages, kind):
    html = client.get(pages[kind].url).content.decode()
    assert ('Diterbitkan <time datetime="2026-11-02T09:15:00+08:00">2 November 2026, '
            "09.15 WITA</time>") in html
    assert "Diperbarui" not in html  # never changed since


def test_an_update_shows_the_second_date(client, pages):
    program = pages["program"]
    program.summary = "Jadwal diperbarui."
    _publish_at(LATER, program)
    html = client.get(program.url).content.decode()
    assert ("Diterbitkan <time datetime=\"2026-11-02T09:15:00+08:00\">2 November 2026, 09.15 "
            "WITA</time> · Diperbarui <time datetime=\"2026-11-20T14:05:00+08:00\">"
            "20 November 2026, 14.05 WITA</time>") in html


def test_english_uses_its_own_words_and_time_format(client, pages):
    with mock.patch("django.utils.timezone.now", return_value=LATER):
        english = f.translate_program(pages["program"], title="Leadership training")
    html = client.get(english.url).content.decode()
    assert ('Published <time datetime="2026-11-20T14:05:00+08:00">20 November 2026, '
            "14:05 WITA</time>") in html
