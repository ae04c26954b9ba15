"""Wagtail's Site and Locale rows from the cache (issue 20).

Before a Wagtail page is served, Wagtail reads the Site matching the request's host (one
query), the active Locale (one query, at every `Locale.get_active()` and `.localized`)
and the site's root page in its specific form (one query): three queries on every page
for rows an editor changes a few times a year. Here they come from the site's cache
(`CACHES["default"]`: Redis with `REDIS_URL`, shared by every worker; local memory
otherwise):

- `SiteFromCacheMiddleware` hands Wagtail's page view the Site for the request's host
  and port (`request._wagtail_site`, where `Site.find_for_request` keeps it for the request),
  its root page already in its specific form, with its locale and its translations
  (`LocalizedFromCache`), so routing `/` costs no query;
- `active_locale()` is `Locale.get_active()` without the query.

Invalidation: every entry is stored with the cache's *generation* (as the page cache
does), read in the same `get_many` as the entry; an entry of another generation is a
miss. A new generation is drawn at once and again after commit (so that a request
reading the old rows during the transaction cannot keep them) whenever a Site, a Locale
or any page is saved or deleted, and when a page is published, unpublished or moved.
Saving any page empties it, not only the root's: editors save pages rarely, and then
no rule about which page the entry holds can go wrong. The generation is read before
the rows, so an entry computed from rows older than a change is never served after it.
Without Redis each process has its own local-memory cache, and a change made in one
process reaches the others after `ROUTING_CACHE_SECONDS` at most: run production with
`REDIS_URL` (as the page cache needs anyway)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils import translation

from .generations import Generation

GENERATION_KEY = "routing:generation"
LOCALES_KEY = "routing:locales"
ROUTING_CACHE_SECONDS = 60 * 60
_EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/")
_MISSING = object()


ROUTING = Generation(GENERATION_KEY, label="routing cache")


def routing_changed() -> None:
    """A Site, Locale or page changed: empty the cache now (this process sees the
    change at once, inside its transaction too) and again once the transaction commits
    (another worker may have cached the old rows in between)."""
    ROUTING.new()
    transaction.on_commit(ROUTING.new)


def _cached(key: str, compute: Callable[[], object]):
    """The value under `key` if it belongs to the current generation, else `compute()`
    stored under it. A cache that fails computes every time."""
    return ROUTING.cached(key, compute, seconds=ROUTING_CACHE_SECONDS)


def _locales() -> dict:
    from wagtail.models import Locale

    return _cached(LOCALES_KEY, lambda: {locale.language_code: locale
                                         for locale in Locale.objects.all()})


def active_locale():
    """`Locale.get_active()` from the cache: the locale of the active language, else the
    default one (`Locale.DoesNotExist` if there is none, as in Wagtail)."""
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    locales = _locales()
    try:
        found = locales.get(get_supported_content_language_variant(translation.get_language()))
    except LookupError:
        found = None
    if found is None:
        found = locales.get(get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if found is None:
        raise Locale.DoesNotExist("No locale for the active or default language.")
    return found


def _site_entry(hostname: str, port: int):
    """Wagtail's `get_site_for_hostname` with the root page specific, its locale and
    its translations, drafts included (each specific, with its locale) loaded: Wagtail's
    `.localized` drops a draft itself, after `.localized_draft`. None when no site
    matches."""
    from wagtail.models import Page, Site
    from wagtail.models.sites import get_site_for_hostname

    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    root = site.root_page.specific
    translations = {}
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False) and root.translation_key:
        rows = (Page.objects.filter(translation_key=root.translation_key)
                .select_related("locale"))
        for page in rows:
            specific = root if page.pk == root.pk else page.specific
            specific.locale = page.locale
            translations[page.locale_id] = specific
        root.locale = translations.get(root.locale_id, root).locale
    for page in translations.values():
        page._serambi_translations = translations
    site.root_page = root
    return site


def site_for_request(request: HttpRequest):
    """Wagtail's `Site.find_for_request` from the cache (see the module's docstring)."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    key = f"routing:site:{hostname}:{port}"
    return _cached(key, lambda: _site_entry(hostname, port))


class SiteFromCacheMiddleware:
    """Give Wagtail the request's Site from the cache before it serves a page. Only for
    Wagtail's page view: other views rarely ask for the site, and should not pay for
    refilling the entry after a change."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        from wagtail.views import serve

        if view_func is serve and not request.path.startswith(_EXCLUDED_PREFIXES):
            request._wagtail_site = site_for_request(request)
        return None


class LocalizedFromCache:
    """Mixin for page models: `.localized` / `.localized_draft` (the page in the active
    language, which Wagtail's routing asks of the root page) with the active locale from
    the cache, and the root page's translations from its cached Site entry."""

    @property
    def localized_draft(self):
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return self
        from wagtail.models import Locale

        try:
            locale = active_locale()
        except (LookupError, Locale.DoesNotExist):
            return self
        if locale.pk == self.locale_id:
            return self
        translations = getattr(self, "_serambi_translations", _MISSING)
        if translations is not _MISSING:
            return translations.get(locale.pk) or self
        return self.get_translation_or_none(locale) or self


def _changed(*args, **kwargs) -> None:
    routing_changed()


def _page_changed(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        routing_changed()


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for model in (Site, Locale):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, weak=False,
                           dispatch_uid=f"routing:{model._meta.label}:{id(signal)}")
    post_save.connect(_page_changed, weak=False, dispatch_uid="routing:page_saved")
    post_delete.connect(_page_changed, weak=False, dispatch_uid="routing:page_deleted")
    page_published.connect(_changed, weak=False, dispatch_uid="routing:published")
    page_unpublished.connect(_changed, weak=False, dispatch_uid="routing:unpublished")
    post_page_move.connect(_changed, weak=False, dispatch_uid="routing:moved")
