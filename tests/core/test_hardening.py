"""Smaller hardening from issue 15, finding 7: limits on exports and password change, no
Gravatar, __Host- cookies in production, a larger common-password list, one email address
per account."""

import importlib
import re
import sys

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from forum_site.settings import base
from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db

EXPORTS = [
    lambda: reverse("core:dataset_csv", args=["threads"]),
    lambda: reverse("core:dataset_json", args=["programs"]),
    lambda: reverse("transparency:information_report_csv", args=[2026]),
    lambda: reverse("discussions:moderation_ledger_csv"),
]


@pytest.mark.parametrize("url", EXPORTS, ids=["csv", "json", "annual-annex", "ledger"])
def test_open_data_exports_are_limited_per_client(settings, url):
    settings.SERAMBI_RATE_LIMITS = {**base.SERAMBI_RATE_LIMITS,
                                    "open_data_export": {"ip": "2/m"}}
    client = Client(REMOTE_ADDR="10.4.0.1")
    statuses = [client.get(url()).status_code for _n in range(3)]
    assert statuses[:2] == [200, 200]
    assert statuses[2] == 429
    assert Client(REMOTE_ADDR="10.4.0.2").get(url()).status_code == 200


def test_open_data_export_limit_is_in_the_default_settings():
    assert base.SERAMBI_RATE_LIMITS["open_data_export"]["ip"]


def test_password_change_is_limited_per_account(settings, citizen_client):
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    url = reverse("account_change_password")
    statuses = [
        citizen_client.post(url, {"oldpassword": f"salah-{n}", "password1": "Pantai-Manakarra-9",
                                  "password2": "Pantai-Manakarra-9"}).status_code
        for n in range(6)
    ]
    assert statuses[:5] == [200] * 5  # the form again, with its error
    assert statuses[5] == 429


def test_personal_data_export_is_limited(settings, citizen_client):
    settings.SERAMBI_RATE_LIMITS = {**base.SERAMBI_RATE_LIMITS,
                                    "personal_data_export": {"user": "1/h"}}
    url = reverse("accounts:personal_data_export")
    assert citizen_client.post(url).status_code == 200
    assert citizen_client.post(url).status_code == 429


def test_admin_pages_fetch_no_gravatar(superuser_client, moderator_client):
    for client in (superuser_client, moderator_client):
        html = client.get("/admin/").content.decode()
        assert "gravatar" not in html.lower()


# --- __Host- cookies --------------------------------------------------------------------


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 60)
    monkeypatch.setenv("SERAMBI_TRUSTED_PROXY_COUNT", "1")
    sys.modules.pop("forum_site.settings.production", None)
    yield importlib.import_module("forum_site.settings.production")
    sys.modules.pop("forum_site.settings.production", None)


def test_production_cookies_carry_the_host_prefix(production):
    assert production.SESSION_COOKIE_NAME.startswith("__Host-")
    assert production.CSRF_COOKIE_NAME.startswith("__Host-")
    assert production.LANGUAGE_COOKIE_NAME.startswith("__Host-")


def test_host_prefixed_cookies_are_set_secure_on_path_root_without_domain(
        settings, production, citizen):
    for name in ("SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "SESSION_COOKIE_SECURE",
                 "CSRF_COOKIE_SECURE"):
        setattr(settings, name, getattr(production, name))
    client = Client()
    response = client.post(reverse("account_login"),
                           {"login": citizen.email, "password": PASSWORD}, secure=True)
    assert response.status_code == 302
    cookie = response.cookies["__Host-serambi_session"]
    assert cookie["secure"] and cookie["path"] == "/" and not cookie["domain"]
    csrf = client.get(reverse("account_login"), secure=True).cookies.get(
        "__Host-serambi_csrftoken")
    if csrf is not None:
        assert csrf["secure"] and csrf["path"] == "/" and not csrf["domain"]
    from forum_site.core import checks

    assert checks.check_host_prefixed_cookies(None) == []


def test_system_check_refuses_a_host_cookie_that_browsers_would_drop(settings):
    from forum_site.core import checks

    settings.SESSION_COOKIE_NAME = "__Host-serambi_session"
    settings.SESSION_COOKIE_SECURE = False
    assert [e.id for e in checks.check_host_prefixed_cookies(None)] == ["core.E011"]
    settings.SESSION_COOKIE_SECURE = True
    settings.SESSION_COOKIE_DOMAIN = ".example.id"
    assert [e.id for e in checks.check_host_prefixed_cookies(None)] == ["core.E011"]


def test_system_check_refuses_two_proxy_counts(settings):
    from forum_site.core import checks

    settings.SERAMBI_TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert [e.id for e in checks.check_trusted_proxy_count(None)] == ["core.E010"]


# --- passwords -----------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["Bismillah2026!", "sayangkamu123", "Indonesia_1945",
                                      "persebaya1927", "Mamuju12345"])
def test_registration_refuses_common_indonesian_passwords(client, password):
    response = client.post(reverse("account_signup"), {
        "email": "baru@example.id", "display_name": "Warga Baru", "privacy_consent": "on",
        "password1": password, "password2": password,
    })
    assert response.status_code == 200
    assert "terlalu umum" in response.content.decode()
    assert not EmailAddress.objects.filter(email="baru@example.id").exists()


def test_registration_accepts_an_uncommon_password(client):
    response = client.post(reverse("account_signup"), {
        "email": "baru@example.id", "display_name": "Warga Baru", "privacy_consent": "on",
        "password1": "Pantai-Manakarra-9", "password2": "Pantai-Manakarra-9",
    })
    assert response.status_code == 302


# --- one email address per account -------------------------------------------------------


def test_an_account_keeps_one_address_changed_with_confirmation(citizen, citizen_client):
    url = reverse("account_email")
    citizen_client.post(url, {"action_add": "", "email": "kedua@example.id"})
    citizen_client.post(url, {"action_add": "", "email": "ketiga@example.id"})
    addresses = EmailAddress.objects.filter(user=citizen)
    # The confirmed address and at most one waiting for confirmation, never a collection.
    assert addresses.count() == 2
    assert addresses.filter(verified=True).get().email == citizen.email
    citizen.refresh_from_db()
    assert citizen.email != "ketiga@example.id"  # nothing changes before confirmation

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    assert "ketiga@example.id" in mail.outbox[-1].to
    citizen_client.post(link)
    citizen.refresh_from_db()
    assert citizen.email == "ketiga@example.id"
    assert list(EmailAddress.objects.filter(user=citizen).values_list("email", flat=True)) == [
        "ketiga@example.id"]
