"""Settings for the load test: production settings on plain HTTP over loopback.

Production marks cookies Secure and redirects to HTTPS (a TLS proxy sits in front); the
benchmark talks to gunicorn directly over http://127.0.0.1, so those are turned off here
and nothing else. Rate limits are off (BENCH_RATE_LIMITS=1 to keep them): hundreds of posts
an hour from one IP is the test, not an attack. Emails go nowhere; tasks are queued in the
database as in production (no worker runs during the test)."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 60)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SERAMBI_TRUSTED_PROXY_COUNT", "0")  # load test hits gunicorn directly

from forum_site.settings.production import *  # noqa: E402,F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
SERAMBI_RATE_LIMITS_ENABLED = os.environ.get("BENCH_RATE_LIMITS") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
