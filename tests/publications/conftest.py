"""Publication fixtures: the Indonesian tree under the shared `home_page` fixture, its
English translation, and the editorial permissions confined to that tree."""

from types import SimpleNamespace

import pytest
from django.db import models
from wagtail.models import Locale

from publications.services import editorial_permissions_grant
from tests.conftest import make_home_page
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


@pytest.fixture(scope="module")
def module_tree(module_db):
    """The tree `tree` builds, built once for a module that asks for it (see module_db).

    A module whose every test can share one tree (each adds its pages in its own
    savepoint; none needs Wagtail's welcome page or commits) overrides `tree` with
    ``return fresh(module_tree)``. Once built it is there for every later test of the
    module, asked for or not."""
    return make_tree(make_home_page())


def fresh(value):
    """`value` read again from the database: each model instance (a page as its own
    class), also inside a SimpleNamespace, dict, list or tuple.

    Module-built data goes to each test through this: the rows are the same (same pks),
    but what a test changes on the objects in memory (a page it unpublishes, a title it
    edits, Wagtail's cached parent or revision) never reaches the next test, whose
    savepoint has already undone the rows."""
    if isinstance(value, models.Model):
        return type(value)._default_manager.get(pk=value.pk)
    if isinstance(value, SimpleNamespace):
        return SimpleNamespace(**{name: fresh(item) for name, item in vars(value).items()})
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(fresh(item) for item in value)
    return value


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
