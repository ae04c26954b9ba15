"""Development settings: `make run` on a laptop, SQLite, emails on the console."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
# The demo's staff accounts reach the admin without an authenticator app; set 1 to try
# the second factor as production requires it.
SERAMBI_STAFF_MFA_REQUIRED = env_bool("SERAMBI_STAFF_MFA_REQUIRED", False)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
