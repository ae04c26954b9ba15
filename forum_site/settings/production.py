"""Production settings: behind a TLS-terminating proxy, gunicorn, PostgreSQL, Redis."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set (at least 50 random characters) in production."
    )

# Emails link to the public address: a missing or placeholder SERAMBI_BASE_URL fails
# `check`, `check --deploy` and `migrate` (forum_site/core/checks.py).
SERAMBI_BASE_URL = env_str("SERAMBI_BASE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", SERAMBI_BASE_URL)
SERAMBI_REQUIRE_PUBLIC_BASE_URL = True

# Behind the proxy every visitor arrives from the proxy's address: without the right count
# one client's failed logins lock everyone out (too strict), and with a count too high a
# client can forge its address (too loose). No default in production: say it, even if 0.
if os.environ.get("SERAMBI_TRUSTED_PROXY_COUNT", "").strip() == "":
    raise ImproperlyConfigured(
        "SERAMBI_TRUSTED_PROXY_COUNT must be set in production: the number of proxies in "
        "front of gunicorn that append to X-Forwarded-For (1 for one nginx; 0 only if "
        "gunicorn faces the clients directly). See docs/operations.md."
    )
SERAMBI_TRUSTED_PROXY_COUNT = env_int("SERAMBI_TRUSTED_PROXY_COUNT", 0)
if SERAMBI_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("SERAMBI_TRUSTED_PROXY_COUNT cannot be negative.")
ALLAUTH_TRUSTED_PROXY_COUNT = SERAMBI_TRUSTED_PROXY_COUNT

TASK_BACKEND = env_str("TASK_BACKEND", "database")
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 63072000)  # two years
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# The __Host- prefix: the browser keeps such a cookie only if it is Secure, has Path=/ and
# no Domain, so no other host (a subdomain, a plain-HTTP page) can set or overwrite it.
# Changing the names ends the sessions of the previous release once. Checked by the
# system check core.W010 (forum_site/core/checks.py).
SESSION_COOKIE_NAME = "__Host-serambi_session"
CSRF_COOKIE_NAME = "__Host-serambi_csrftoken"
LANGUAGE_COOKIE_NAME = "__Host-serambi_language"
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
