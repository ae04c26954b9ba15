"""Test settings: fast hashing, local-memory cache and email, immediate tasks.

DATABASE_URL still decides the database, so the same suite runs on SQLite and PostgreSQL.
"""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1", "serambi.test"]
# Not the test client's own host, so a link built from a request instead of the setting
# shows (tests/core/test_email_links.py follows every email's links on this host).
SERAMBI_BASE_URL = "https://serambi.test"
WAGTAILADMIN_BASE_URL = SERAMBI_BASE_URL
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
if DATABASE_IS_POSTGRES:  # noqa: F405
    # A test database is thrown away: its commits need not wait for the disk (about 10 ms
    # a commit here, paid by every migration, flush and transactional test). A crash can
    # lose the last commits, never corrupt the database; production keeps the default.
    DATABASES["default"]["OPTIONS"]["options"] += " -c synchronous_commit=off"  # noqa: F405
ACCOUNT_RATE_LIMITS = False
# Wagtail's own page index (the admin's page search) is not updated on every save in tests:
# it cost a fifth of building a page tree. tests/publications/test_admin_search.py turns it
# back on and searches the admin as an editor does.
WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False  # noqa: F405

# Staff fixtures have no authenticator; the second-factor tests and the authorisation
# matrix switch the requirement on (tests/accounts/test_second_factor.py).
SERAMBI_STAFF_MFA_REQUIRED = False

# The anonymous page cache is off: tests change rows directly and read pages again. Its
# own tests (tests/core/test_page_cache.py) switch it on.
SERAMBI_PAGE_CACHE_SECONDS = 0
# The fixtures' citizens are brand-new accounts whose threads most tests need public at
# once; the pre-moderation tests (tests/discussions/test_premoderation.py) and the
# visibility walk switch it on (production default: on; SERAMBI_THREAD_PREMODERATION=1
# runs the suite with it).
SERAMBI_THREAD_PREMODERATION = env_bool("SERAMBI_THREAD_PREMODERATION", False)  # noqa: F405
