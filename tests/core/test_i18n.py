"""Indonesian at the root, English under /en/, and the language switch (POST /bahasa/)."""

from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from forum_site.core.forms import LanguageForm


def _switch(client, **data):
    return client.post(reverse("set_language"), data)


def test_home_renders_indonesian_at_root(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id"' in html
    assert "Beranda Serambi" in html
    assert "Serambi home" not in html


def test_home_renders_english_under_en(client, home_page):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Serambi home" in html
    assert "Beranda Serambi" not in html


def test_home_ignores_language_cookie_on_unprefixed_url(client, home_page):
    """The URL decides the language: a cookie saying "en" does not turn "/" English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="id"' in html


def test_interface_text_is_translated(client, home_page):
    """Not only the page content: the site's own strings change with the language."""
    with translation.override("id"):
        login_id = reverse("account_login")
    with translation.override("en"):
        login_en = reverse("account_login")
    assert login_en.startswith("/en/")
    html_id = client.get(login_id).content.decode()
    html_en = client.get(login_en).content.decode()
    assert '<html lang="id"' in html_id and '<html lang="en"' in html_en
    with translation.override("en"):
        sign_in_en = translation.gettext("Sign In")
    with translation.override("id"):
        sign_in_id = translation.gettext("Sign In")
    assert sign_in_id != sign_in_en  # allauth ships Indonesian
    assert sign_in_id in html_id and sign_in_en in html_en


def test_set_language_to_english_redirects_and_sets_cookie(client, home_page):
    response = _switch(client, language="en", next="/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert '<html lang="en"' in client.get(response["Location"]).content.decode()


def test_set_language_back_to_indonesian(client, home_page):
    response = _switch(client, language="id", next="/en/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"


def test_set_language_translates_the_next_url(client, db):
    with translation.override("id"):
        privacy_id = reverse("core:privacy")
    with translation.override("en"):
        privacy_en = reverse("core:privacy")
    response = _switch(client, language="en", next=privacy_id)
    assert response["Location"] == privacy_en
    response = _switch(client, language="id", next=privacy_en)
    assert response["Location"] == privacy_id


def test_set_language_without_next_goes_home(client, db):
    response = _switch(client, language="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "http://evil.example",
        "javascript:alert(1)",
        "https://testserver.evil.example/",
        "/\\evil.example",
    ],
)
def test_set_language_ignores_next_on_another_host(client, db, next_url):
    response = _switch(client, language="en", next=next_url)
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert "evil" not in response["Location"]


def test_set_language_keeps_next_on_this_host(client, db):
    response = _switch(client, language="id", next="http://testserver/en/")
    assert response.status_code == 302
    assert response["Location"] in ("/", "http://testserver/")


@pytest.mark.parametrize("language", ["xx", "fr", "", "id<script>", "e" * 3000])
def test_set_language_unknown_language_is_400_with_translated_error(client, db, language):
    response = _switch(client, language=language, next="/")
    assert response.status_code == 400
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    html = response.content.decode()
    assert "id<script>" not in html  # never echoed unescaped
    form_error = LanguageForm.base_fields["language"].error_messages[
        "invalid_choice" if language else "required"
    ]
    with translation.override("id"):
        expected = str(form_error)
    if language:
        with translation.override("en"):
            assert expected != str(form_error), "no Indonesian translation for the error"
    assert expected in html


def test_set_language_get_is_405(client, db):
    response = client.get(reverse("set_language"), {"language": "en"})
    assert response.status_code == 405
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_set_language_from_another_site_is_403(db):
    """No CSRF token (it would put a cookie on every page, see docs/security.md), but a
    POST whose Origin is another site is refused."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"},
                           headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert "403_csrf.html" in [t.name for t in response.templates]
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    with translation.override("id"):
        assert translation.gettext("The form has expired.") in response.content.decode()


def test_set_language_with_csrf_token_works(db):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("account_login"))  # sets the CSRF cookie
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/"


# --- the switch on Wagtail pages: land on the page's translation -----------------------


class _SwitchForms(HTMLParser):
    """The language switch's forms: {language: next} from the rendered page."""

    def __init__(self):
        super().__init__()
        self.targets: dict[str, str] = {}
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "language-switch" in (attrs.get("class") or ""):
            self._form = {}
        elif self._form is not None and tag == "input" and attrs.get("name") == "next":
            self._form["next"] = attrs["value"]
        elif self._form is not None and tag == "button" and attrs.get("name") == "language":
            self._form["language"] = attrs["value"]

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.targets[self._form["language"]] = self._form["next"]
            self._form = None


def _switch_targets(client, url) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = _SwitchForms()
    parser.feed(response.content.decode())
    return parser.targets


def _switch_from(client, url, language) -> str:
    """Press the language button on `url`; returns where the redirect lands (checked 200)."""
    response = _switch(client, language=language, next=_switch_targets(client, url)[language])
    assert response.status_code == 302
    landed = response["Location"]
    page = client.get(landed)
    assert page.status_code == 200, landed
    assert f'<html lang="{language}"' in page.content.decode()
    return landed


def translate(page, *, title, slug):
    """Publish an English translation of `page` under its translated parent."""
    from wagtail.models import Locale

    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = title, slug
    english.save_revision().publish()
    english.refresh_from_db()
    return english


@pytest.fixture
def programs(home_page):
    """A program index in both languages (different slugs: /program/, /en/programs/)."""
    from tests.publications import factories as f

    index = f.program_index(parent=home_page)
    return SimpleNamespace(id=index, en=translate(index, title="Programs", slug="programs"))


def test_switch_from_program_page_lands_on_its_english_translation_and_back(client, programs):
    from tests.publications import factories as f

    program = f.publish(f.program_page(title="Pelatihan Kepemimpinan", slug="pelatihan-pimpinan"),
                        parent=programs.id)
    english = translate(program, title="Leadership training", slug="leadership-training")
    assert program.url == "/program/pelatihan-pimpinan/"
    assert english.url == "/en/programs/leadership-training/"

    assert _switch_from(client, program.url, "en") == english.url
    assert _switch_from(client, english.url, "id") == program.url


def test_switch_from_untranslated_program_lands_on_the_english_program_list(client, programs):
    from tests.publications import factories as f

    program = f.publish(f.program_page(slug="belum-diterjemahkan"), parent=programs.id)
    assert _switch_from(client, program.url, "en") == programs.en.url == "/en/programs/"


def test_the_switch_says_when_a_page_has_no_translation(client, programs):
    from tests.publications import factories as f

    program = f.publish(f.program_page(slug="tanpa-terjemahan"), parent=programs.id)
    html = client.get(program.url).content.decode()
    assert '<span class="language-switch__note" id="language-switch-note-en" lang="en">' \
        'This page is not translated yet</span>' in html
    assert 'name="untranslated" value="1"' in html
    landed = _switch(client, language="en", next="/en/programs/", untranslated="1")
    page = client.get(landed["Location"]).content.decode()
    assert "has no version in this language yet" in page
    assert "nearest page that has one" in page

    # …and the other way round, in Indonesian.
    english_only = f.publish(f.program_page(slug="english-only", locale=programs.en.locale),
                             parent=programs.en)
    html = client.get(english_only.url).content.decode()
    assert 'lang="id">Halaman ini belum diterjemahkan</span>' in html
    landed = _switch(client, language="id", next="/program/", untranslated="1")
    page = client.get(landed["Location"]).content.decode()
    assert "belum tersedia dalam bahasa ini" in page


def test_the_switch_says_nothing_on_a_translated_page_or_another_view(client, programs):
    from tests.publications import factories as f

    program = f.publish(f.program_page(slug="diterjemahkan"), parent=programs.id)
    english = translate(program, title="Translated", slug="translated")
    for url in (program.url, english.url, "/en/programs/", reverse("core:privacy")):
        html = client.get(url).content.decode()
        assert "language-switch__note" not in html, url
        assert 'name="untranslated"' not in html, url
    landed = _switch(client, language="en", next=english.url)
    assert "no version in this language" not in client.get(landed["Location"]).content.decode()


def test_switch_keeps_the_filters_of_a_program_list(client, programs):
    assert _switch_targets(client, "/program/?status=completed") == {
        "en": "/en/programs/?status=completed"
    }


def test_switch_on_a_page_with_an_unpublished_translation_skips_it(client, programs):
    from tests.publications import factories as f

    program = f.publish(f.program_page(slug="draf-inggris"), parent=programs.id)
    english = translate(program, title="Draft", slug="draft-english")
    english.unpublish()
    assert _switch_targets(client, program.url) == {"en": "/en/programs/"}


def test_switch_on_a_view_that_is_not_a_page_posts_its_own_path(client, db):
    """Other views keep the current path; set_language translates it (translate_url)."""
    with translation.override("id"):
        privacy_id = reverse("core:privacy")
    with translation.override("en"):
        privacy_en = reverse("core:privacy")
    assert _switch_targets(client, privacy_id) == {"en": privacy_id}
    assert _switch_from(client, privacy_id, "en") == privacy_en
    assert _switch_from(client, privacy_en, "id") == privacy_id


def test_switch_adds_no_query_per_translation(client, programs, django_assert_max_num_queries):
    """The header's switch and the page's hreflang links share one lookup."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.publications import factories as f

    program = f.publish(f.program_page(slug="hitung-kueri"), parent=programs.id)
    client.get(program.url)
    with CaptureQueriesContext(connection) as untranslated:
        client.get(program.url)
    budget = len(untranslated)  # read before the next request resets the query log
    translate(program, title="Query count", slug="query-count")
    client.get(program.url)  # a page saved empties the site and locale cache: refill it
    with django_assert_max_num_queries(budget):
        client.get(program.url)
