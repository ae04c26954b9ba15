"""Publication fixtures: the Indonesian tree under the shared `home_page` fixture, its
English translation, and the editorial permissions confined to that tree."""

from types import SimpleNamespace

import pytest
from wagtail.models import Locale

from publications.services import editorial_permissions_grant
from tests.publications import factories as f


def translate(page, *, title, slug, **fields):
    """Publish an English translation of `page` (its parent must be translated)."""
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = title
    english.slug = slug
    for name, value in fields.items():
        setattr(english, name, value)
    english.save_revision().publish()
    english.refresh_from_db()
    return english


@pytest.fixture
def tree(home_page):
    """Index pages in Indonesian (/program/, /capaian/, …) and English (/en/programs/, …)."""
    return make_tree(home_page)


def make_tree(home_page):
    """What `tree` builds, for fixtures of a wider scope (see module_db)."""
    home_en = home_page.get_translation(Locale.objects.get(language_code="en"))
    programs = f.program_index(parent=home_page)
    outcomes = f.outcome_index(parent=home_page)
    news = f.news_index(parent=home_page)
    reports = f.report_index(parent=home_page)
    partners = f.partners_page(parent=home_page)
    register = f.public_information_page(parent=home_page)
    editorial_permissions_grant(home=home_page)
    return SimpleNamespace(
        home=home_page,
        home_en=home_en,
        programs=programs,
        outcomes=outcomes,
        news=news,
        reports=reports,
        partners=partners,
        register=register,
        programs_en=translate(programs, title="Programs", slug="programs"),
        outcomes_en=translate(outcomes, title="Outcomes", slug="outcomes"),
        news_en=translate(news, title="News", slug="news"),
    )


@pytest.fixture
def area(db):
    return make_area()


@pytest.fixture
def other_area(db):
    return make_other_area()


def make_area():
    return f.CompetencyAreaFactory(name="Manajemen Proyek", name_en="Project management",
                                   slug="manajemen-proyek")


def make_other_area():
    return f.CompetencyAreaFactory(name="Kepemimpinan", name_en="Leadership",
                                   slug="kepemimpinan")
