"""Indonesian at the root, English under /en/, and the language switch (POST /bahasa/)."""

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


def test_set_language_without_csrf_token_is_403(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
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
