"""The page cache for anonymous visitors (issue 20).

Most of a public site's traffic is anonymous, and an anonymous page is the same for every
visitor: the rendered response (headers and, when the visitor accepts gzip, the
compressed body) is kept in the site's cache (`CACHES["default"]`: Redis with
`REDIS_URL`, local memory otherwise) and served without running the view, the session,
the authentication or the template.

Who gets a cached page (`AnonymousPageCacheMiddleware`):
- a GET or HEAD with no session cookie and no flash-message cookie (anyone signed in, or
  with a message waiting, always gets a fresh page), outside the admin;
- the key is the host, the path with its query string, the language (from the path:
  `/en/…` English, everything else Indonesian, exactly as LocaleMiddleware decides it)
  and whether the body is gzip-compressed.

What is stored: a 200 response to such a request that sets no cookie, asked for no CSRF
token (`CSRF_COOKIE_NEEDS_UPDATE`), left the session untouched, carries no form token in
its body, is not streamed, and whose view did not choose its own `Cache-Control` (so
`never_cache`, private and rate-limited responses are never stored). A page with a form
needing a CSRF token therefore never enters the cache; the language switch needs no token
(`core.views.set_language` is exempt: it changes nothing but a cookie), and anonymous
visitors get a link to the comment form's own page rather than the form.

Invalidation: every entry is stored with the cache's *generation*, a random value under
one key; `public_content_changed()` (after commit) replaces it, and an entry of an older
generation is a miss. One `get_many` reads the entry and the generation together. Apps
call it where what the public sees changes: discussions from
`threads.services.events.record_event`
(every thread write: new thread, answer, status, moderation of a thread),
`comments.services.tree.visibility_changed` (a comment published, approved, hidden,
restored, edited or deleted), `moderation.services._thread_visibility_changed`, and
`invalidate_on` for every moderation ledger entry, survey response and follow-up plan
(`DiscussionsConfig._page_cache`). The statistics' figures are cached against the same
generation (`transparency.statistics`). Wagtail's
publish/unpublish/delete/view-restriction signals and the models registered with
`invalidate_on(model)` are connected in `connect_signals()`. Likes and support counts
do not invalidate (they would empty the cache at every click): an anonymous page shows
them at most `SERAMBI_PAGE_CACHE_SECONDS` late.

Without Redis each process has its own local-memory cache, and a change empties only the
cache of the process that made it: run production with `REDIS_URL` (several gunicorn
workers), or the other workers serve a page up to `SERAMBI_PAGE_CACHE_SECONDS` old.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_from_path

from .generations import Generation

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Headers a stored response keeps. Everything the outer middlewares add (security
# headers, Cache-Control) is added again to a cached response on its way out.
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Encoding", "Vary",
                 "Content-Length", "Location", "Link", "X-Robots-Tag", "Content-Disposition")
_EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/")


def cache_seconds() -> int:
    return int(getattr(settings, "SERAMBI_PAGE_CACHE_SECONDS", 0))


PUBLIC = Generation(GENERATION_KEY, label="page cache")
new_generation = PUBLIC.new


def public_content_changed() -> None:
    """What the public sees changed: once the current transaction commits, every cached
    page, and every figure cached against the generation (the statistics), is stale (a
    new generation). Safe outside a transaction and when the cache is down."""
    transaction.on_commit(new_generation)


def until_public_change(key: str, compute: Callable[[], object], *, seconds: int):
    """`compute()`, kept in the cache under `key` for at most `seconds` and only while
    the generation it was computed in is current: figures that every visitor, signed in
    or not, may be served, since no change the public could see leaves them stale.
    Computed every time when `seconds` is 0 or the cache is down."""
    return PUBLIC.cached(key, compute, seconds=seconds)


def invalidate_on(*models) -> None:
    """Empty the page cache whenever a row of one of `models` is saved or deleted (for
    data an admin edits outside the services: units, categories, holidays)."""
    from django.db.models.signals import post_delete, post_save

    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, weak=False,
                           dispatch_uid=f"pagecache:{model._meta.label}:{id(signal)}")


def _changed(*args, **kwargs) -> None:
    public_content_changed()


def connect_signals() -> None:
    """Wagtail's editorial writes: a page published, unpublished, deleted or moved, a view
    restriction added or removed; the site settings the footer shows."""
    from django.db.models.signals import post_delete
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_changed, weak=False, dispatch_uid="pagecache:published")
    page_unpublished.connect(_changed, weak=False, dispatch_uid="pagecache:unpublished")
    post_page_move.connect(_changed, weak=False, dispatch_uid="pagecache:moved")
    post_delete.connect(_page_deleted, weak=False, dispatch_uid="pagecache:page_deleted")
    invalidate_on(PageViewRestriction)


def _page_deleted(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        public_content_changed()


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs from the page cache (see the module's docstring). Sits below
    CachePolicyMiddleware and above GZipMiddleware: a cached response gets the security
    and Cache-Control headers of any response, and is stored compressed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.session_cookie = settings.SESSION_COOKIE_NAME
        self.messages_cookie = getattr(settings, "MESSAGE_COOKIE_NAME", "messages")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = cache_seconds()
        if seconds <= 0 or not self._eligible(request):
            return self.get_response(request)
        key = self._key(request)
        try:
            found = cache.get_many([key, GENERATION_KEY])
        except Exception:  # noqa: BLE001 - a cache that fails is a miss, never a 500
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        generation = found.get(GENERATION_KEY)
        entry = found.get(key)
        if entry is not None and generation is not None and entry[0] == generation:
            return self._rebuild(entry, head=request.method == "HEAD")
        response = self.get_response(request)
        if self._storable(request, response):
            if generation is None:
                generation = new_generation()
            headers = {name: response[name] for name in _KEPT_HEADERS
                       if response.has_header(name)}
            try:
                cache.set(key, (generation, response.status_code, headers,
                                response.content), seconds)
            except Exception:  # noqa: BLE001
                logger.warning("page cache unavailable", exc_info=True)
            response["X-Serambi-Cache"] = "miss"
        return response

    def _eligible(self, request: HttpRequest) -> bool:
        cookies = request.COOKIES
        # Wagtail renders previews through the middleware with a dummy request (copying
        # the editor's cookies when it has them): never answered from or stored in the
        # cache, whatever cookies it carries.
        if getattr(request, "is_dummy", False) or getattr(request, "is_preview", False):
            return False
        return (request.method in ("GET", "HEAD")
                and self.session_cookie not in cookies
                and self.messages_cookie not in cookies
                and not request.path.startswith(_EXCLUDED_PREFIXES))

    @staticmethod
    def _key(request: HttpRequest) -> str:
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        gzip = "gzip" in request.headers.get("Accept-Encoding", "")
        raw = "\n".join((request.get_host(), request.get_full_path(), language,
                         "gz" if gzip else "-"))
        return "pagecache:" + hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        if (response.status_code != 200 or response.streaming or response.cookies
                or response.has_header("Cache-Control")
                or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")):
            return False
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        # The last guard: a page with a per-visitor token is never shared.
        return b"csrfmiddlewaretoken" not in response.content

    @staticmethod
    def _rebuild(entry, *, head: bool) -> HttpResponse:
        _generation, status, headers, content = entry
        response = HttpResponse(b"" if head else content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["X-Serambi-Cache"] = "hit"
        return response
