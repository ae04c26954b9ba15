"""Settings for the real-browser page quality gate (tests/browser) and bench/lighthouse.sh.

The site is served the way production serves it — gunicorn, DEBUG off, whitenoise with
hashed, precompressed static files and far-future cache headers — from a throwaway
database and STATIC_ROOT that tests/browser/server.py creates (migrate, collectstatic,
seed_demo) before it starts gunicorn. Fast hashing and immediate tasks as in tests.

The database comes from DATABASE_URL as everywhere; server.py sets it to a temporary
SQLite file, so `DATABASE_URL=postgres://… make test` never points the gate at a shared
database.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .env import env_str
from .test import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# tests/browser/server.py sets the address it serves.
SERAMBI_BASE_URL = env_str("SERAMBI_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SERAMBI_BASE_URL

# Production's static pipeline: hashed names (so far-future caching is safe) and .gz/.br
# siblings written by collectstatic (.br only when the `brotli` package is installed).
if not env_str("STATIC_ROOT", ""):
    raise ImproperlyConfigured("forum_site.settings.browser needs STATIC_ROOT (a throwaway dir).")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = False
WHITENOISE_USE_FINDERS = False
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(Path(STATIC_ROOT).parent / "media")))  # noqa: F405

# Emails vanish: the gate never reads them, and a console backend would flood the log.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# One cache for both gunicorn workers, as Redis is one cache in production: with a
# local-memory cache per worker, two visits of the statistics page could show two
# "computed at" times (the gate's JS-on/JS-off comparison saw 03:04 against 03:05).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(Path(STATIC_ROOT).parent / "cache"),  # noqa: F405
    }
}

# The gate serves the site as production does: Wagtail's page index follows every save
# (the fast test settings turn that off), so the editor's page search finds the demo pages.
WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = True  # noqa: F405
