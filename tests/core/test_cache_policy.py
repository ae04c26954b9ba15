"""Caching: anonymous pages without forms are cacheable by shared caches and set no
cookie; anything with a cookie, and every page of a signed-in user, is private."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.discussions.factories import CategoryFactory, ThreadFactory


@pytest.fixture
def thread(unit_a):
    return ThreadFactory(category=CategoryFactory(default_unit=unit_a))


def _public_paths(thread):
    return ["/", "/en/", reverse("discussions:thread_list"), thread.get_absolute_url(),
            reverse("core:privacy"), reverse("core:open_data"),
            reverse("discussions:answer_history", args=[0]).replace("/0/", "/999999/")]


def test_anonymous_pages_are_public_and_set_no_cookie(client, home_page, thread):
    for path in _public_paths(thread):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert response["Cache-Control"] == "public, max-age=60", path
        assert not response.cookies, f"{path} sets {list(response.cookies)}"
        assert "Set-Cookie" not in response.headers
        assert "csrfmiddlewaretoken" not in response.content.decode()


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_pages_with_a_form_set_the_token_and_are_private(db, client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "serambi_csrftoken" in response.cookies
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    assert "public" not in cache_control


def test_signed_in_pages_are_never_stored_by_shared_caches(citizen_client, home_page, thread):
    for path in [*_public_paths(thread), reverse("accounts:overview")]:
        response = citizen_client.get(path)
        cache_control = response["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, path
        assert "public" not in cache_control


def test_language_switch_works_without_a_token_but_not_cross_site(home_page):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/en/"
    assert response.cookies["serambi_language"].value == "en"
    same_site = client.post(reverse("set_language"), {"language": "en", "next": "/"},
                            headers={"Origin": "http://testserver"})
    assert same_site.status_code == 302
    cross_site = client.post(reverse("set_language"), {"language": "en", "next": "/"},
                             headers={"Origin": "https://evil.example"})
    assert cross_site.status_code == 403
    assert "serambi_language" not in cross_site.cookies


def test_rate_limited_and_error_responses_are_not_public(client, settings, citizen_client,
                                                         unit_a):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    # A 404 for an anonymous visitor is the same for everyone: cacheable briefly.
    assert response["Cache-Control"] == "public, max-age=60"
    post = client.post(reverse("set_language"), {"language": "xx"})
    assert post.status_code == 400 and "public" not in post.get("Cache-Control", "")
