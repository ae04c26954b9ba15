"""Wagtail's "Translate" action (wagtail.contrib.simple_translation) for Tim Komunikasi
(issue 18): the dashboard's list of pages without an English version links to it; it
makes the English draft under the English tree and opens it in the editor; an outcome's
copy links the English programs; only those allowed may use it."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page

from publications.models import OutcomePage, TrainingProgramPage
from tests.publications import factories as f
from tests.publications.conftest import fresh, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(module_tree, db):
    """One publication tree for the module (see module_tree); each test adds its own pages
    in its savepoint."""
    return fresh(module_tree)


def translate_url(page) -> str:
    return reverse("simple_translation:submit_page_translation", args=[page.pk])


def _panel(html: str) -> str:
    start = html.find('id="translation-gaps-section"')
    return html[start:html.index("</section>", start)] if start >= 0 else ""


def test_comms_translates_a_program_from_the_dashboard(comms_client, tree, area, unit_a):
    program = f.publish(f.program_page(area=area, organiser=unit_a, title="Magang Data"),
                        parent=tree.programs)
    panel = _panel(comms_client.get(reverse("wagtailadmin_home")).content.decode())
    assert f'href="{translate_url(program)}">Terjemahkan</a>' in panel

    html = comms_client.get(translate_url(program)).content.decode()
    assert "Terjemahkan halaman" in html and "Magang Data" in html
    english = Locale.objects.get(language_code="en")
    assert re.search(rf'value="{english.pk}"[^>]*>\s*English', html)

    response = comms_client.post(translate_url(program), {"locales": [english.pk]})
    copy = TrainingProgramPage.objects.get(locale=english, translation_key=program.translation_key)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert not copy.live  # a draft, for the editor to translate and send for review
    assert copy.get_parent().pk == tree.programs_en.pk
    assert "telah dibuat dalam" in comms_client.get(response["Location"]).content.decode()

    # The dashboard now sends the editor to that draft, not to "Translate" again.
    panel = _panel(comms_client.get(reverse("wagtailadmin_home")).content.decode())
    edit = reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert f'href="{edit}">Lanjutkan konsepnya</a>' in panel
    assert translate_url(program) not in panel


def test_a_translated_outcome_links_the_english_programs(comms_client, tree, area):
    program = f.publish(f.program_page(area=area, title="Pelatihan Manajemen Proyek"),
                        parent=tree.programs)
    untranslated = f.publish(f.program_page(area=area, title="Pelatihan Arsip"),
                             parent=tree.programs)
    program_en = translate(program, title="Project management training",
                           slug="project-management")
    outcome = f.publish(f.outcome_page(programs=[program, untranslated]),
                        parent=tree.outcomes)
    english = Locale.objects.get(language_code="en")

    comms_client.post(translate_url(outcome), {"locales": [english.pk]})
    copy = OutcomePage.objects.get(locale=english, translation_key=outcome.translation_key)
    assert list(copy.programs.all()) == [program_en]
    latest = copy.get_latest_revision_as_object()
    assert [link.program for link in latest.program_links.all()] == [program_en]
    html = comms_client.get(reverse("wagtailadmin_pages:edit", args=[copy.pk])).content.decode()
    assert "Project management training" in html and "Pelatihan Manajemen Proyek" not in html
    # The original keeps its own links.
    assert list(OutcomePage.objects.get(pk=outcome.pk).programs.all()) == [
        program, untranslated]


@pytest.mark.parametrize("who", ["anonymous_client", "citizen_client", "moderator_client"])
def test_only_editors_may_translate(request, who, tree, area):
    client = request.getfixturevalue(who)
    program = f.publish(f.program_page(area=area), parent=tree.programs)
    english = Locale.objects.get(language_code="en")
    for response in (client.get(translate_url(program)),
                     client.post(translate_url(program), {"locales": [english.pk]})):
        assert response.status_code == 302
        assert response["Location"].startswith(("/akun/", "/admin/login", "/accounts/",
                                                 reverse("wagtailadmin_home")))
    assert not Page.objects.filter(locale=english,
                                   translation_key=program.translation_key).exists()
