"""The editors' dashboard says which pages have no English version yet and which English
versions are older than their original (issue 18: a new page had no English version and
nothing told the editor)."""

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.publications import factories as f
from tests.publications.conftest import fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(module_tree, db):
    """One publication tree for the module (see module_tree); each test adds its own pages
    in its savepoint."""
    return fresh(module_tree)


def _panel(html: str) -> str:
    start = html.find('id="translation-gaps-section"')
    return html[start:html.index("</section>", start)] if start >= 0 else ""


def test_dashboard_lists_pages_without_english_and_stale_translations(
        tree, comms_client, area, unit_a):
    lonely = f.publish(f.program_page(area=area, organiser=unit_a, title="Magang Data"),
                       parent=tree.programs)
    paired = f.publish(f.program_page(area=area, organiser=unit_a, title="Sosialisasi SAKIP"),
                       parent=tree.programs)
    english = f.translate_program(paired, title="SAKIP outreach")
    later = timezone.now() + dt.timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        paired.title = "Sosialisasi SAKIP 2027"
        paired.save_revision().publish()

    html = comms_client.get(reverse("wagtailadmin_home")).content.decode()
    panel = _panel(html)
    assert "Versi bahasa Inggris yang perlu ditulis atau diperbarui" in panel
    missing, outdated = panel.split("diterbitkan sebelum")
    assert f'href="/admin/pages/{lonely.pk}/edit/">Magang Data</a>' in missing
    assert "Sosialisasi SAKIP" not in missing  # it has a live English version
    assert f'href="/admin/pages/{english.pk}/edit/">Sosialisasi SAKIP 2027</a>' in outdated
    assert tree.programs.title not in missing  # translated in the fixture


def test_the_panel_costs_the_same_queries_for_more_pages(
        tree, comms_client, area, unit_a):
    def queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            comms_client.get(reverse("wagtailadmin_home"))
        return len(captured)

    f.publish(f.program_page(area=area, organiser=unit_a), parent=tree.programs)
    before = queries()
    for _ in range(4):
        f.publish(f.program_page(area=area, organiser=unit_a), parent=tree.programs)
    assert queries() <= before


def test_citizens_and_moderators_see_no_panel(tree, moderator_client):
    html = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="translation-gaps-section"' not in html
