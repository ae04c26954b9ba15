"""The Wagtail admin in Indonesian, walked as Tim Komunikasi and as a moderator (issue 18).

Every English string Serambi owns a translation for must not reach an Indonesian screen:
the msgids of the project's catalogues (our panels, help texts, model names, snippet and
menu labels, dashboard panels, and the Wagtail strings whose Indonesian we ship in
forum_site/core/translation_overrides.py) are matched against the visible text and the
labels (title, aria-label, placeholder) of each screen. An English-speaking editor still
gets English."""

import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import polib
import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from publications.models import NewsPage, OutcomePage, ReportPage, TrainingProgramPage
from publications.services import editorial_permissions_grant
from tests.conftest import make_comms, make_home_page, make_moderator, make_unit_a
from tests.publications import factories as f
from tests.publications.test_workflow import add_url, program_form

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LABEL_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value"}
PLACEHOLDER = re.compile(r"(%\(\w+\)[sd]|%[sd]|\{\w*\})")


def _owned_english() -> list[tuple[str, re.Pattern]]:
    """(msgid, pattern) for each string our catalogues translate into other words."""
    owned = []
    for po_path in ROOT.glob("*/**/locale/id/LC_MESSAGES/django.po"):
        if ".venv" in po_path.parts:
            continue
        for entry in polib.pofile(str(po_path)):
            text = entry.msgid
            if (entry.obsolete or "fuzzy" in entry.flags or not entry.msgstr
                    or entry.msgstr == text or "<" in text or len(text) < 4):
                continue
            parts = PLACEHOLDER.split(text)  # literal, placeholder, literal, …
            pattern = "".join(
                re.escape(part) if i % 2 == 0 else (r"\d+" if part[-1] == "d" else ".+?")
                for i, part in enumerate(parts))
            owned.append((text, re.compile(r"\s*" + pattern + r"\s*")))
    return owned


OWNED = _owned_english()
# What the issue and a first walk saw in English on these screens, looked for whether or
# not a catalogue claims it (a catalogue entry lost or turned fuzzy shows up here too).
SEEN_IN_ENGLISH = (
    "Page title", "Set schedule", "No publishing schedule set", "Draft saved",
    "could not be saved due to validation errors", "could not be created due to validation",
    "is already in use within the parent page", "Preview in new tab", "More options for",
    "Sort by", "Show filters", "Select all", "There are no", "Visit the live page",
    "Anyone can edit this", "For search engines", "More actions", "Not visible to the public",
    "Toggle section",
)


class _Texts(HTMLParser):
    """Visible text nodes and label attributes, outside scripts and templates."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        self.texts += [value for name, value in attrs if name in LABEL_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def english_on(html: str) -> set[str]:
    parser = _Texts()
    parser.feed(html)
    found = set()
    for text in parser.texts:
        matches = {msgid for msgid, pattern in OWNED if pattern.fullmatch(text)}
        # "Page title" is also "Page %(number)s" with a word for the number: the exact
        # msgid explains the text.
        found |= {text} if text in matches else matches
        found |= {phrase for phrase in SEEN_IN_ENGLISH if phrase in text}
    return found


@pytest.fixture(scope="module")
def site(module_db):
    home = make_home_page()
    unit = make_unit_a()
    indexes = SimpleNamespace(
        programs=f.program_index(parent=home), outcomes=f.outcome_index(parent=home),
        news=f.news_index(parent=home), reports=f.report_index(parent=home),
        partners=f.partners_page(parent=home), register=f.public_information_page(parent=home),
    )
    editorial_permissions_grant(home=home)
    area = f.CompetencyAreaFactory(name="Manajemen Proyek", name_en="Project management",
                                   slug="manajemen-proyek")
    program = f.publish(f.program_page(area=area, organiser=unit), parent=indexes.programs)
    f.PartnerInstitutionFactory()
    f.PublicInformationEntryFactory()
    return SimpleNamespace(
        home=home, unit=unit, area=area, program=program, **vars(indexes),
        outcome=f.publish(f.outcome_page(programs=[program], indicators=1),
                          parent=indexes.outcomes),
        news_page=f.publish(f.news_page(), parent=indexes.news),
        report=f.publish(f.report_page(), parent=indexes.reports),
        comms=make_comms(), moderator=make_moderator(),
    )


def _snippet(model_name, action):
    return lambda s: reverse(f"wagtailsnippets_publications_{model_name}:{action}")


EDITOR_SCREENS = {
    "dashboard": lambda s: reverse("wagtailadmin_home"),
    "explorer": lambda s: reverse("wagtailadmin_explore", args=[s.home.pk]),
    "program list": lambda s: reverse("wagtailadmin_explore", args=[s.programs.pk]),
    "new program": lambda s: add_url(TrainingProgramPage, s.programs),
    "new outcome": lambda s: add_url(OutcomePage, s.outcomes),
    "new news": lambda s: add_url(NewsPage, s.news),
    "new report": lambda s: add_url(ReportPage, s.reports),
    "edit program": lambda s: reverse("wagtailadmin_pages:edit", args=[s.program.pk]),
    "edit outcome": lambda s: reverse("wagtailadmin_pages:edit", args=[s.outcome.pk]),
    "edit news": lambda s: reverse("wagtailadmin_pages:edit", args=[s.news_page.pk]),
    "edit report": lambda s: reverse("wagtailadmin_pages:edit", args=[s.report.pk]),
    "edit home": lambda s: reverse("wagtailadmin_pages:edit", args=[s.home.pk]),
    "edit register": lambda s: reverse("wagtailadmin_pages:edit", args=[s.register.pk]),
    "edit partners": lambda s: reverse("wagtailadmin_pages:edit", args=[s.partners.pk]),
    "page history": lambda s: reverse("wagtailadmin_pages:history", args=[s.program.pk]),
    "areas": _snippet("competencyarea", "list"),
    "new area": _snippet("competencyarea", "add"),
    "partners": _snippet("partnerinstitution", "list"),
    "new partner": _snippet("partnerinstitution", "add"),
    "register entries": _snippet("publicinformationentry", "list"),
    "new register entry": _snippet("publicinformationentry", "add"),
    "images": lambda s: reverse("wagtailimages:index"),
    "upload images": lambda s: reverse("wagtailimages:add_multiple"),
    "documents": lambda s: reverse("wagtaildocs:index"),
    "upload documents": lambda s: reverse("wagtaildocs:add_multiple"),
}

MODERATOR_SCREENS = {
    "dashboard": lambda s: reverse("wagtailadmin_home"),
    "forum threads": lambda s: reverse("discussions_admin:thread_index"),
    "moderation queue": lambda s: reverse("discussions_admin:moderation_queue"),
    "ASN verification": lambda s: reverse("accounts_admin:verification_queue"),
    "data requests": lambda s: reverse("accounts_data_requests:queue"),
}


@pytest.mark.parametrize("screen", EDITOR_SCREENS)
def test_editor_screens_are_indonesian(site, screen, db):
    client = Client()
    client.force_login(site.comms)
    response = client.get(EDITOR_SCREENS[screen](site))
    assert response.status_code == 200
    assert '<html lang="id"' in response.content.decode()
    assert english_on(response.content.decode()) == set()


@pytest.mark.parametrize("screen", MODERATOR_SCREENS)
def test_moderator_screens_are_indonesian(site, screen, db):
    client = Client()
    client.force_login(site.moderator)
    response = client.get(MODERATOR_SCREENS[screen](site))
    assert response.status_code == 200
    assert english_on(response.content.decode()) == set()


def test_the_program_chooser_and_translate_speak_indonesian(site, db):
    """The outcome editor's program chooser (a modal, fetched as JSON) and Wagtail's
    "Translate" screen, both added for issue 18."""
    client = Client()
    client.force_login(site.comms)
    editor = client.get(add_url(OutcomePage, site.outcomes)).content.decode()
    assert "Tambah program" in editor and "Add program" not in editor
    modal = client.get("/admin/program-chooser/",
                       {"multiple": 1, "locale": "id"}).json()["html"]
    assert "Pakai yang dipilih" in modal and "Confirm selection" not in modal
    assert english_on(modal) == set()
    found = client.get("/admin/program-chooser/results/",
                       {"multiple": 1, "locale": "id", "q": site.program.title}
                       ).content.decode()
    assert "1 hasil yang cocok" in found and english_on(found) == set()
    none = client.get("/admin/program-chooser/results/",
                      {"locale": "id", "q": "tidak-ada"}).content.decode()
    assert "Tidak ada yang cocok" in none and "Sorry" not in none
    translate = client.get(reverse("simple_translation:submit_page_translation",
                                   args=[site.news_page.pk])).content.decode()
    # Here the English news list does not exist yet: the screen says to translate it first.
    assert "Terjemahkan halaman" in translate and "Terjemahkan dulu halaman induknya" in translate
    assert english_on(translate) == set()


def test_saving_a_draft_and_a_refused_save_speak_indonesian(site, db):
    """The messages after saving: the draft's confirmation, the validation summary and
    the slug error (the issue saw these in English)."""
    client = Client()
    client.force_login(site.comms)
    url = add_url(TrainingProgramPage, site.programs)
    form = program_form(area=site.area, unit=site.unit)
    saved = client.post(url, form, follow=True).content.decode()
    assert "Pelatihan Penulisan Naskah Dinas" in saved
    assert english_on(saved) == set()

    not_created = client.post(url, {**form, "title": ""}).content.decode()
    assert "Halaman tidak dapat dibuat karena ada isian yang belum benar." in not_created
    assert english_on(not_created) == set()

    edit_url = reverse("wagtailadmin_pages:edit", args=[site.program.pk])
    same_slug = client.post(edit_url, {**form, "slug": "pelatihan-naskah-dinas"}).content.decode()
    assert "Halaman tidak dapat disimpan karena ada isian yang belum benar." in same_slug
    assert ("Slug &#x27;pelatihan-naskah-dinas&#x27; sudah dipakai di bawah halaman induk yang "
            "sama." in same_slug)
    assert english_on(same_slug) == set()


def test_an_english_speaking_editor_keeps_english(site, db):
    profile = UserProfile.get_for_user(site.comms)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(site.comms)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[site.program.pk])).content.decode()
    assert '<html lang="en"' in html
    assert "Set schedule" in html and "Page title" in html
    assert Locale.objects.filter(language_code="en").exists()


def test_the_walk_knows_what_english_looks_like():
    """The check itself: our English in a screen is found, Indonesian is not."""
    assert english_on('<p>Set schedule</p><a title="Page title">x</a>') == {
        "Set schedule", "Page title"}
    assert english_on("<p>More options for 'Program'</p>") == {
        "More options for '%(title)s'", "More options for"}
    assert english_on("<p>Atur jadwal</p><script>'Set schedule'</script>") == set()
