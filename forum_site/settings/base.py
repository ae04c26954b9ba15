"""Settings shared by every environment. Safe defaults: DEBUG is off, secrets come
from the environment, and one place here decides the database, cache, task backend
and search engine."""

from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "forum_site"

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Serambi apps first so their templates and translations win.
    "forum_site.core",
    "forum_site.accounts",
    "publications",
    "discussions",
    "search",
    "forum_site.transparency",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",  # second factor: TOTP with recovery codes
    # Background tasks
    "django_tasks",
    "django_tasks_db",
    # Comments (discussions.Comment subclasses django-comments-xtd's XtdComment)
    "django.contrib.sites",
    "django_comments",
    "django_comments_xtd",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Django's widget templates, for the project-wide form renderer below.
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "forum_site.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "forum_site.core.middleware.CachePolicyMiddleware",
    "forum_site.core.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "forum_site.core.routing.SiteFromCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "forum_site.accounts.middleware.SecondFactorRequiredMiddleware",
    "forum_site.core.ratelimit.RateLimitMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "forum_site.urls"
WSGI_APPLICATION = "forum_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "forum_site.core.context_processors.site",
            ],
        },
    },
]

# Public forms render through templates/components/ (error summary, hints, inline
# errors tied to inputs with aria-describedby). See forum_site/core/renderers.py.
FORM_RENDERER = "forum_site.core.renderers.SerambiFormRenderer"

# --- Database -------------------------------------------------------------
# DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/serambi; default a SQLite file.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if DATABASE_IS_POSTGRES:
    # Per-connection settings for what the pages run (bench/*-results.md): no JIT (it
    # compiles any plan whose estimated cost passes jit_above_cost, adding tens of
    # milliseconds to broad searches and the statistics aggregates while saving nothing),
    # and enough work_mem for the statistics histograms to aggregate in memory instead of
    # sorting on disk (4 MB, the server default, spilled the month grouping to disk).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = env_str(
        "DATABASE_PG_OPTIONS", "-c jit=off -c work_mem=32MB")
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers go on while a writer commits; busy timeout avoids "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ---------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # RedisCache that answers "miss" while Redis is down (forum_site/core/cache.py):
            # pages render and posting works; rate limits fail open.
            "BACKEND": "forum_site.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "serambi",
            "TIMEOUT": 300,
            "OPTIONS": {"RETRY_SECONDS": env_int("REDIS_RETRY_SECONDS", 5)},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "serambi",
        }
    }

# --- Background tasks -------------------------------------------------------
# "database": queued in the database, run by `manage.py db_worker` (production);
# "immediate": run in-process at once (development laptops, tests).
TASK_BACKEND = env_str("TASK_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASK_BACKEND],
    }
}

# --- Authentication ------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# One way in: passwords are checked only inside allauth's login flow (rate limits, email
# confirmation); every other authenticate() call is refused (docs/security.md).
AUTHENTICATION_BACKENDS = ["forum_site.accounts.auth_backends.AllauthOnlyBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # Indonesian favourites (bismillah, sayangku, indonesia…), with digits stripped.
    {"NAME": "forum_site.accounts.password_validation.IndonesianCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:overview"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "forum_site.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "forum_site.accounts.forms.SignupForm"
# Same work for a known and a new address (hashing; email after commit): issue 15.
ACCOUNT_FORMS = {"signup": "forum_site.accounts.signup.AccountSignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Never tell a visitor whether an address has an account (registration, reset).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Serambi] "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
# One email address per account: changing it adds the new one pending, and confirming it
# replaces the old one (no second address to add).
ACCOUNT_CHANGE_EMAIL = True
# Brute-force limits (allauth keeps the counters in the cache: Redis in production).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user,20/h/user",
}

# Second factor (allauth.mfa): TOTP from an authenticator app, with recovery codes.
# Moderators, Tim Komunikasi and superusers must set one up before they reach /admin/
# or take a moderation action (forum_site/accounts/permissions.check_second_factor);
# any other account (an ASN, a citizen) may. SERAMBI_STAFF_MFA_REQUIRED=0 relaxes it
# (the demo on a laptop: dev settings default to off).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Serambi"
MFA_RECOVERY_CODE_COUNT = 10
MFA_TOTP_TOLERANCE = 1  # one 30-second step either side: phones' clocks drift
SERAMBI_STAFF_MFA_REQUIRED = env_bool("SERAMBI_STAFF_MFA_REQUIRED", True)

# ASN verification: the official email must be at one of these domains (or a subdomain)
# and is confirmed by a link before the request reaches the moderators. go.id covers
# every Indonesian government domain; an office narrows it to its own (e.g.
# "mamujukab.go.id,bkn.go.id"). The link is valid SERAMBI_ASN_EMAIL_CONFIRM_DAYS days.
SERAMBI_OFFICIAL_EMAIL_DOMAINS = env_list("SERAMBI_OFFICIAL_EMAIL_DOMAINS") or ["go.id"]
SERAMBI_ASN_EMAIL_CONFIRM_DAYS = env_int("SERAMBI_ASN_EMAIL_CONFIRM_DAYS", 3)

# Privacy notice version: consent is recorded against it (UU 27/2022).
PRIVACY_NOTICE_VERSION = env_str("PRIVACY_NOTICE_VERSION", "2026-11")
# IP addresses stored with content are blanked after this many days
# (`manage.py purge_personal_data`, forum_site/core/retention.py).
SERAMBI_IP_RETENTION_DAYS = env_int("SERAMBI_IP_RETENTION_DAYS", 30)

# --- Internationalisation ---------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [
    ("id", "Bahasa Indonesia"),
    ("en", "English"),
]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Makassar")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "serambi_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MiB of form data
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Uploads (docs/security.md, "Uploads"): size and type limits; no SVG (it can carry script).
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # decompression bombs
WAGTAILIMAGES_IMAGE_FORM_BASE = "forum_site.core.uploads.ImageForm"  # refuses broken files
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt", "pptx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "forum_site.core.uploads.DocumentForm"  # content sniffing
# Documents go through Wagtail's serve view (permission checks, nosniff, CSP
# "default-src 'none'"); only PDFs open in the browser, everything else downloads.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# `manage.py backup` writes timestamped folders here (docs/operations.md).
# Jobs `manage.py run_scheduler` leaves to another runner (names, comma-separated; see
# `manage.py run_scheduler --list` and docs/operations.md).
SERAMBI_SCHEDULER_DISABLED = env_list("SERAMBI_SCHEDULER_DISABLED")
SERAMBI_BACKUP_ROOT = Path(env_str("SERAMBI_BACKUP_ROOT", str(BASE_DIR / "backups")))

# --- Email ------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Serambi <noreply@serambi.localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Search ---------------------------------------------------------------------
# Unset ELASTICSEARCH_URL = database search (SQLite FTS5 / PostgreSQL "indonesian").
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")
SEARCH_CONFIG = "indonesian" if DATABASE_IS_POSTGRES else None
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        **({"SEARCH_CONFIG": SEARCH_CONFIG} if SEARCH_CONFIG else {}),
    }
}

# Serambi's public search (search/): the one place that chooses its engine. "database"
# (PostgreSQL full text / SQLite FTS5) unless ELASTICSEARCH_URL is set; the database index
# is always kept too, as the fallback when Elasticsearch is unreachable.
SERAMBI_SEARCH_ENGINE = env_str(
    "SERAMBI_SEARCH_ENGINE", "elasticsearch" if ELASTICSEARCH_URL else "database"
)
if SERAMBI_SEARCH_ENGINE not in ("database", "elasticsearch"):
    raise ValueError("SERAMBI_SEARCH_ENGINE must be 'database' or 'elasticsearch'")
# Elasticsearch: the alias searches use (each rebuild creates "<alias>-<timestamp>" and
# swaps the alias atomically), and the synonym list the office edits (one rule per line,
# Solr format: "asn, pns, pppk"); read when an index is created, i.e. on search_rebuild.
# The database engine counts, ranks and facets at most this many matches exactly; past it
# the page says "more than N" (search/engines/database.py).
SERAMBI_SEARCH_COUNT_CAP = env_int("SERAMBI_SEARCH_COUNT_CAP", 1000)
SERAMBI_SEARCH_INDEX = env_str("SERAMBI_SEARCH_INDEX", "serambi-search")
SERAMBI_SEARCH_SYNONYMS_FILE = Path(
    env_str("SERAMBI_SEARCH_SYNONYMS_FILE", str(BASE_DIR / "search" / "synonyms.txt"))
)

# --- The site's public address ---------------------------------------------------------
# Every absolute link in an email comes from here (forum_site/core/public_url.py); after
# each `migrate` it also names Wagtail's default Site (hostname, port) and the
# django.contrib.sites row (domain; name = SERAMBI_OFFICE_NAME). `make run` sets it to the
# address it serves; production refuses a missing or placeholder value (check serambi.E001).
SERAMBI_BASE_URL = env_str("SERAMBI_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
SERAMBI_REQUIRE_PUBLIC_BASE_URL = False

# --- Wagtail ----------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Serambi"
# Links in Wagtail's own emails (workflow, comments) and in ours to moderators.
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", SERAMBI_BASE_URL)
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_FINDERS: list = []  # no third-party oEmbed calls
# One login and one password reset for the site and the admin: allauth's. Wagtail's own
# login, reset and password/email change are off; its old URLs redirect (forum_site/urls.py).
# Wagtail sends every refused visitor to these; they lead an anonymous one to allauth's login
# and answer a signed-in one 403 (allauth would send a signed-in person straight back to
# `next`, which refuses them again: a redirect loop).
WAGTAILADMIN_LOGIN_URL = "wagtail_login_redirect"
WAGTAIL_FRONTEND_LOGIN_URL = "wagtail_frontend_login_redirect"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# No third party learns who opens the admin: no Gravatar (initials, or an uploaded avatar).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Security ---------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "serambi_session"
CSRF_COOKIE_NAME = "serambi_csrftoken"
CSRF_FAILURE_VIEW = "forum_site.core.views.csrf_failure"

# Content-Security-Policy: one strict policy for the public site (no inline script or
# style, nothing from other hosts) and a looser one for the Wagtail admin, whose
# editor relies on inline scripts. See forum_site/core/middleware.py and docs/security.md.
SERAMBI_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "frame-src": ["'none'"],
    "manifest-src": ["'self'"],
    "worker-src": ["'self'"],
}
SERAMBI_CSP_ADMIN = {
    **SERAMBI_CSP,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
SERAMBI_CSP_ADMIN_PREFIXES = ["/admin/", "/django-admin/"]
# Anonymous pages without cookies may be kept this long by shared caches (proxies, CDN);
# signed-in pages are "private, no-store" (CachePolicyMiddleware, docs/security.md).
SERAMBI_PUBLIC_CACHE_SECONDS = env_int("SERAMBI_PUBLIC_CACHE_SECONDS", 60)
SERAMBI_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# --- Abuse limits ---------------------------------------------------------------------
# One facility (forum_site/core/ratelimit.py) on the configured cache. Each action maps
# scopes to "count/period": user (per account), new_user (accounts younger than
# SERAMBI_NEW_ACCOUNT_AGE seconds), ip (per client address), key (e.g. per email address).
SERAMBI_RATE_LIMITS_ENABLED = env_bool("SERAMBI_RATE_LIMITS_ENABLED", True)
SERAMBI_NEW_ACCOUNT_AGE = env_int("SERAMBI_NEW_ACCOUNT_AGE", 86400)
# Number of trusted proxies in front of gunicorn whose X-Forwarded-For we believe (0: none,
# the TCP peer is the client). One setting for every limiter: ours
# (forum_site.core.ratelimit.client_ip) and allauth's login/signup/reset limits, whose
# adapter asks the same function (forum_site/accounts/adapter.py). Production refuses to
# start without it (forum_site/settings/production.py).
SERAMBI_TRUSTED_PROXY_COUNT = env_int("SERAMBI_TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = SERAMBI_TRUSTED_PROXY_COUNT
SERAMBI_RATE_LIMITS: dict[str, dict[str, str]] = {
    "asn_verification_request": {"user": "5/d", "ip": "20/d"},
    "thread_create": {"user": "5/h", "new_user": "2/h", "ip": "20/h"},
    "comment_create": {"user": "6/m", "new_user": "20/d", "ip": "30/h"},
    "flag_create": {"user": "20/d", "new_user": "5/d"},
    "comment_reaction": {"user": "60/m", "ip": "120/m"},
    "search": {"ip": "60/m"},
    "search_suggest": {"ip": "300/m"},  # autocomplete asks as the visitor types
    "confirmation_email": {"key": "3/h", "ip": "10/h"},
    "personal_data_export": {"user": "10/h", "ip": "30/h"},
    "personal_data_request": {"user": "5/d", "ip": "20/d"},
    # CSV/JSON downloads (/data/…, the annual report annex, the moderation ledger): whole
    # tables built per request; a shared cache serves repeats, a crawler loop is capped.
    "open_data_export": {"ip": "30/10m"},
}

# --- Logging ------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_personal_data": {"()": "forum_site.core.logging.MaskPersonalDataFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_personal_data"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # One line per task run is noise at INFO; failures still log at WARNING/ERROR.
        "django_tasks": {"level": "WARNING"},
        # One line per Elasticsearch request is noise; failures are logged by search.status.
        "elastic_transport": {"level": "WARNING"},
    },
}

# --- Serambi -------------------------------------------------------------------------
SERAMBI_OFFICE_NAME = env_str("SERAMBI_OFFICE_NAME", "Kantor Regional Pengembangan ASN Mamuju")
SERAMBI_CONTACT_EMAIL = env_str("SERAMBI_CONTACT_EMAIL", "ppid@serambi.localhost")
SERAMBI_CONTACT_ADDRESS = env_str(
    "SERAMBI_CONTACT_ADDRESS", "Jl. Abdul Malik Pattana Endeng, Mamuju, Sulawesi Barat"
)

# The unit (slug) whose verified ASN are PPID staff: they record the written decision on
# every unit's information requests, like holders of the PPID role (issue 22). Empty: none.
SERAMBI_PPID_UNIT = env_str("SERAMBI_PPID_UNIT", "")

# Labels for the language names in the switcher (each in its own language).
LANGUAGE_SWITCH_LABELS = {"id": "Bahasa Indonesia", "en": "English"}

# --- Forum (discussions) -----------------------------------------------------------------
# Default deadline profile of a new forum category, in working days (DESIGN.md "SLA clock";
# each category can change its own in the Wagtail admin).
SERAMBI_SLA_DEFAULTS = {
    "first_response": env_int("SERAMBI_SLA_FIRST_RESPONSE_DAYS", 3),
    "answer": env_int("SERAMBI_SLA_ANSWER_DAYS", 5),
    "information_request": env_int("SERAMBI_SLA_INFORMATION_REQUEST_DAYS", 10),
    "extension": env_int("SERAMBI_SLA_EXTENSION_DAYS", 7),
    "closing": env_int("SERAMBI_SLA_CLOSING_DAYS", 10),
}
# The unit's ASN are reminded when a deadline is this many working days away (0 = on the day).
SERAMBI_SLA_REMINDER_WORKING_DAYS = env_int("SERAMBI_SLA_REMINDER_WORKING_DAYS", 1)
# The email outbox (forum_site/core/outbox.py): attempts before an email is given up as
# failed, and the wait before the next attempt (seconds; a deferred task when the task
# backend can defer, else `manage.py outbox_retry`). The per-kind names of earlier
# releases (SERAMBI_NOTIFICATION_*, SERAMBI_COMMENT_EMAIL_*) are still read.
SERAMBI_EMAIL_MAX_ATTEMPTS = env_int("SERAMBI_EMAIL_MAX_ATTEMPTS", env_int(
    "SERAMBI_NOTIFICATION_EMAIL_MAX_ATTEMPTS", env_int("SERAMBI_COMMENT_EMAIL_MAX_ATTEMPTS", 5)))
SERAMBI_EMAIL_RETRY_DELAY = env_int("SERAMBI_EMAIL_RETRY_DELAY", env_int(
    "SERAMBI_NOTIFICATION_RETRY_DELAY", env_int("SERAMBI_COMMENT_EMAIL_RETRY_DELAY", 300)))
SERAMBI_FORUM_PAGE_SIZE = env_int("SERAMBI_FORUM_PAGE_SIZE", 20)
# Anonymous visitors' pages are served from the cache (forum_site/core/page_cache.py) for
# at most this many seconds; every change to what they show empties it at once. 0: off.
SERAMBI_PAGE_CACHE_SECONDS = env_int("SERAMBI_PAGE_CACHE_SECONDS", 300)
# Comments a page of a thread (or program/outcome page) shows (`?page=N`), in reading
# order, replies counted; a comment's permalink /forum/komentar/<id>/ finds its page.
SERAMBI_COMMENTS_PER_PAGE = env_int("SERAMBI_COMMENTS_PER_PAGE", 20)

# --- Comments and moderation (discussions/comments/, discussions/moderation/) ----------
SITE_ID = 1  # django-contrib-comments keeps a Site reference; there is one.
COMMENTS_XTD_MAX_THREAD_LEVEL = 2  # levels 0, 1, 2: replies three deep
SERAMBI_COMMENT_MAX_LENGTH = env_int("SERAMBI_COMMENT_MAX_LENGTH", 3000)
SERAMBI_COMMENT_MIN_LENGTH = env_int("SERAMBI_COMMENT_MIN_LENGTH", 2)
# Authors may edit their comment this many seconds after posting (history kept).
SERAMBI_COMMENT_EDIT_WINDOW = env_int("SERAMBI_COMMENT_EDIT_WINDOW", 15 * 60)
# The same text from the same author within this many seconds is a duplicate.
SERAMBI_COMMENT_DUPLICATE_WINDOW = env_int("SERAMBI_COMMENT_DUPLICATE_WINDOW", 10 * 60)
# Anonymous form: submitted faster than this (seconds) after it was shown → refused.
SERAMBI_COMMENT_MIN_FILL_SECONDS = env_int("SERAMBI_COMMENT_MIN_FILL_SECONDS", 3)
# The confirmation link expires after this many seconds; unconfirmed comments are
# deleted (manage.py comments_maintenance) after SERAMBI_COMMENT_UNCONFIRMED_PURGE_AFTER.
SERAMBI_COMMENT_CONFIRM_MAX_AGE = env_int("SERAMBI_COMMENT_CONFIRM_MAX_AGE", 2 * 86400)
SERAMBI_COMMENT_UNCONFIRMED_PURGE_AFTER = env_int(
    "SERAMBI_COMMENT_UNCONFIRMED_PURGE_AFTER", 7 * 86400
)
# A confirmed anonymous commenter's email address is deleted this many days after the
# last moderation-decision email about their comment was sent (time to reply and ask for
# a review); `manage.py comments_maintenance` (run_scheduler) does it. docs/personal-data.md
SERAMBI_ANONYMOUS_EMAIL_RETENTION_DAYS = env_int("SERAMBI_ANONYMOUS_EMAIL_RETENTION_DAYS", 30)
# The one trust rule (discussions.permissions.is_trusted_author), for comments and
# threads alike: accounts at least this old (seconds) with this many approved posts
# (approved comments plus published threads) are post-moderated; verified ASN and
# moderators always are; everyone else (and every anonymous visitor) is pre-moderated.
# The SERAMBI_COMMENT_TRUSTED_* names of earlier releases are still read.
SERAMBI_TRUSTED_ACCOUNT_AGE = env_int(
    "SERAMBI_TRUSTED_ACCOUNT_AGE", env_int("SERAMBI_COMMENT_TRUSTED_ACCOUNT_AGE", 7 * 86400)
)
SERAMBI_TRUSTED_MIN_APPROVED = env_int(
    "SERAMBI_TRUSTED_MIN_APPROVED", env_int("SERAMBI_COMMENT_TRUSTED_MIN_APPROVED", 3)
)
# New threads follow the trust rule: an untrusted account's thread waits in the
# moderation queue (visible to its author only) and its deadlines start when approved.
SERAMBI_THREAD_PREMODERATION = env_bool("SERAMBI_THREAD_PREMODERATION", True)
# Flags: an established account's flag weighs FLAG_WEIGHT, a new account's (younger than
# SERAMBI_NEW_ACCOUNT_AGE) NEW_ACCOUNT_FLAG_WEIGHT; at HIDE_THRESHOLD the item is hidden
# pending review (default: three established accounts, or six new ones).
SERAMBI_FLAG_WEIGHT = env_int("SERAMBI_FLAG_WEIGHT", 2)
SERAMBI_NEW_ACCOUNT_FLAG_WEIGHT = env_int("SERAMBI_NEW_ACCOUNT_FLAG_WEIGHT", 1)
SERAMBI_FLAG_HIDE_THRESHOLD = env_int("SERAMBI_FLAG_HIDE_THRESHOLD", 6)


# --- Transparency (statistics, open data, annual report) ---------------------------------
# A median or p90 over fewer threads than this is shown as "not enough data".
SERAMBI_STATS_MIN_SAMPLE = env_int("SERAMBI_STATS_MIN_SAMPLE", 5)
# Seconds the statistics figures are cached (per filter and language); 0 turns it off.
SERAMBI_STATS_CACHE_SECONDS = env_int("SERAMBI_STATS_CACHE_SECONDS", 300)

# Satisfaction survey (SKM, PermenPANRB 14/2017): days after resolution the asker may
# answer, and hours an answer stays editable.
SERAMBI_SKM_ANSWER_DAYS = env_int("SERAMBI_SKM_ANSWER_DAYS", 60)
SERAMBI_SKM_EDIT_HOURS = env_int("SERAMBI_SKM_EDIT_HOURS", 24)
# Hand-off to SP4N-LAPOR!: a thread overdue for this many days shows the asker how to
# take it there (as does one closed as outside the office's authority).
SERAMBI_LAPOR_AFTER_OVERDUE_DAYS = env_int("SERAMBI_LAPOR_AFTER_OVERDUE_DAYS", 10)
SERAMBI_LAPOR_URL = env_str("SERAMBI_LAPOR_URL", "https://www.lapor.go.id/")
