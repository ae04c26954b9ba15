"""Security headers on every response, and production settings that pass check --deploy."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "-serambi-production-secret-for-tests-only-0123456789"


def parse_csp(value: str) -> dict[str, list[str]]:
    policy = {}
    for directive in filter(None, (d.strip() for d in value.split(";"))):
        name, *sources = directive.split()
        policy[name] = sources
    return policy


@pytest.fixture
def public_responses(client, home_page):
    return {
        "home": client.get("/"),
        "home_en": client.get("/en/"),
        "login": client.get(reverse("account_login")),
        "not_found": client.get("/tidak-ada-halaman-ini/"),
        "redirect": client.get(reverse("accounts:overview")),
        "method_not_allowed": client.get(reverse("set_language")),
    }


def test_public_responses_have_expected_status(public_responses):
    statuses = {name: r.status_code for name, r in public_responses.items()}
    assert statuses == {
        "home": 200, "home_en": 200, "login": 200, "not_found": 404, "redirect": 302,
        "method_not_allowed": 405,
    }


def test_public_csp_is_strict(public_responses):
    for name, response in public_responses.items():
        policy = parse_csp(response["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"], name
        assert "'unsafe-inline'" not in policy["script-src"], name
        assert "'unsafe-eval'" not in policy["script-src"], name
        assert "'unsafe-inline'" not in policy["style-src"], name
        assert policy["frame-ancestors"] == ["'none'"], name
        assert policy["object-src"] == ["'none'"], name
        assert policy["base-uri"] == ["'self'"], name
        assert policy["form-action"] == ["'self'"], name
        assert not any(s.startswith(("http:", "https:", "*")) for v in policy.values() for s in v)


def test_public_responses_carry_security_headers(public_responses):
    for name, response in public_responses.items():
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["X-Frame-Options"] == "DENY", name
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", name
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", name
        assert response["Cross-Origin-Resource-Policy"] == "same-origin", name
        permissions_policy = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in permissions_policy, name


def test_public_pages_have_no_inline_script_or_style(public_responses):
    """The strict CSP would block them, so they must not exist."""
    import re

    for name in ("home", "home_en", "login", "not_found"):
        html = public_responses[name].content.decode()
        for match in re.finditer(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
            attrs, body = match.groups()
            assert "src=" in attrs or "application/ld+json" in attrs or not body.strip(), name
        assert not re.search(r"<style\b", html), name
        assert not re.search(r"\son[a-z]+\s*=", html), name  # onclick= etc.
        assert not re.search(r"\sstyle\s*=", html), name


def test_admin_paths_get_admin_policy(client, moderator_client):
    for response in (client.get("/admin/login/"), moderator_client.get("/admin/")):
        assert response.status_code in (200, 302)  # /admin/login/ redirects to allauth
        policy = parse_csp(response["Content-Security-Policy"])
        assert "'unsafe-inline'" in policy["script-src"]
        assert "'unsafe-eval'" not in policy["script-src"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert response["X-Content-Type-Options"] == "nosniff"


def test_admin_pages_ask_no_third_party_for_avatars(moderator_client):
    html = moderator_client.get("/admin/").content.decode()
    assert "gravatar" not in html.lower()


def test_admin_policy_does_not_leak_to_public_paths_that_look_similar(client, db):
    response = client.get("/administrasi/")
    policy = parse_csp(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in policy["script-src"]


def test_session_and_csrf_cookies_are_httponly_and_lax(client, citizen):
    from tests.accounts.factories import PASSWORD

    response = client.post(
        reverse("account_login"), {"login": citizen.email, "password": PASSWORD}
    )
    session_cookie = response.cookies["serambi_session"]
    assert session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"
    csrf_cookie = client.get(reverse("account_login")).cookies.get("serambi_csrftoken")
    if csrf_cookie is not None:
        assert csrf_cookie["samesite"] == "Lax"


def _production_env(**overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="forum_site.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="serambi.mamujukab.go.id",
        SERAMBI_TRUSTED_PROXY_COUNT="1",
        SERAMBI_BASE_URL="https://serambi.mamujukab.go.id",
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def _manage(*args, env):
    return subprocess.run(  # noqa: S603 - fixed argv, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def test_production_settings_pass_check_deploy():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize("secret_key", [None, "", "too-short-0123456789"])
def test_production_settings_refuse_to_load_without_a_strong_secret_key(secret_key):
    result = _manage("check", env=_production_env(SECRET_KEY=secret_key))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("count", [None, "", " "])
def test_production_settings_refuse_to_load_without_a_trusted_proxy_count(count):
    result = _manage("check", env=_production_env(SERAMBI_TRUSTED_PROXY_COUNT=count))
    assert result.returncode != 0
    assert "SERAMBI_TRUSTED_PROXY_COUNT must be set in production" in result.stderr


def test_production_settings_accept_a_deliberate_zero_and_feed_allauth(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    monkeypatch.setenv("SERAMBI_TRUSTED_PROXY_COUNT", "0")
    sys.modules.pop("forum_site.settings.production", None)
    try:
        production = importlib.import_module("forum_site.settings.production")
        assert production.SERAMBI_TRUSTED_PROXY_COUNT == 0
        monkeypatch.setenv("SERAMBI_TRUSTED_PROXY_COUNT", "2")
        sys.modules.pop("forum_site.settings.production", None)
        production = importlib.import_module("forum_site.settings.production")
        assert production.SERAMBI_TRUSTED_PROXY_COUNT == 2
        assert production.ALLAUTH_TRUSTED_PROXY_COUNT == 2
    finally:
        sys.modules.pop("forum_site.settings.production", None)


def test_production_settings_values(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    monkeypatch.setenv("SERAMBI_TRUSTED_PROXY_COUNT", "1")
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "TASK_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    sys.modules.pop("forum_site.settings.production", None)
    production = importlib.import_module("forum_site.settings.production")
    try:
        assert production.DEBUG is False
        assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
        assert production.LANGUAGE_COOKIE_SECURE
        assert production.SECURE_SSL_REDIRECT
        assert production.SECURE_HSTS_SECONDS >= 31536000
        assert production.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
        assert production.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    finally:
        sys.modules.pop("forum_site.settings.production", None)


def test_production_settings_module_raises_improperly_configured(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    sys.modules.pop("forum_site.settings.production", None)
    try:
        with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
            importlib.import_module("forum_site.settings.production")
    finally:
        sys.modules.pop("forum_site.settings.production", None)


def test_base_settings_are_safe_by_default():
    from forum_site.settings import base

    assert base.DEBUG is False
    assert base.X_FRAME_OPTIONS == "DENY"
