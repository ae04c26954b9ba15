"""Response headers that Django's SecurityMiddleware does not set itself.

Content-Security-Policy is written here rather than through django-csp (Django 5.2)
or Django 6's built-in CSP, so that the same code and the same policy run on both
Django versions we support. The public site needs no nonce: it has no inline script
or style at all (JSON-LD data blocks are not executed and are not governed by
script-src). The Wagtail admin gets its own, looser policy because its editor relies
on inline scripts; it is only reachable by staff.

Previews are public pages rendered for an editor inside the admin's preview panel (an
iframe on the admin's own origin). Wagtail renders them by running a *dummy* request for
the page's public URL through the whole middleware stack (``make_preview_request``: the
request carries ``is_dummy`` and, once the page serves it, ``is_preview``), so this
middleware sees the page's path, not ``/admin/``. Such a response keeps the public policy
(the preview must behave as the published page will) except that the admin may frame it:
``frame-ancestors 'self'`` and ``X-Frame-Options: SAMEORIGIN``. Every real public request
keeps ``frame-ancestors 'none'`` and ``DENY``.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def build_csp(policy: dict[str, list[str]]) -> str:
    """Serialise a {directive: [sources]} mapping into a header value."""
    return "; ".join(
        f"{directive} {' '.join(sources)}".strip() for directive, sources in policy.items()
    )


def is_preview_request(request: HttpRequest) -> bool:
    """True for the request Wagtail builds to render a preview (page editor, workflow
    task preview, revision view, "view draft"); never for a visitor's request."""
    return bool(getattr(request, "is_preview", False) or getattr(request, "is_dummy", False))


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.public_csp = build_csp(settings.SERAMBI_CSP)
        self.admin_csp = build_csp(settings.SERAMBI_CSP_ADMIN)
        self.preview_csp = build_csp(
            {**settings.SERAMBI_CSP, "frame-ancestors": ["'self'"]}
        )
        self.admin_prefixes = tuple(settings.SERAMBI_CSP_ADMIN_PREFIXES)
        self.permissions_policy = settings.SERAMBI_PERMISSIONS_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_preview_request(request):
            # Overwrite, not setdefault: XFrameOptionsMiddleware (below us) already wrote
            # DENY, and the admin view around the preview keeps whatever we set here.
            response["Content-Security-Policy"] = self.preview_csp
            response["X-Frame-Options"] = "SAMEORIGIN"
        is_admin = request.path.startswith(self.admin_prefixes)
        response.headers.setdefault(
            "Content-Security-Policy", self.admin_csp if is_admin else self.public_csp
        )
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class CachePolicyMiddleware:
    """Who may store a response (docs/security.md, "Caching").

    - Signed-in users: ``private, no-store``; a shared cache never keeps their pages.
    - Anonymous GET/HEAD answered 200/301/404 without setting any cookie: ``public,
      max-age=SERAMBI_PUBLIC_CACHE_SECONDS``, so a proxy or CDN can absorb a crowd. These
      pages carry no token and nothing personal (the language switch needs no CSRF
      token; pages with a real form call ``get_token()``, which sets the CSRF cookie).
    - Anonymous responses that set a cookie (CSRF token for a form, a flash message, the
      session), or that show the visitor something of their own (``request.serambi_personal``,
      e.g. their waiting anonymous comment): ``private, no-store``.
    - Anything a view decided itself (``never_cache``, 429, whitenoise's static files)
      keeps its own Cache-Control. Other responses are left alone (POSTs and redirects
      are not stored by shared caches without explicit freshness).
    """

    CACHEABLE_STATUS = {200, 301, 404}

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.max_age = int(getattr(settings, "SERAMBI_PUBLIC_CACHE_SECONDS", 60))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        # `serambi_personal`: the page shows something of this visitor's own (e.g. their
        # waiting anonymous comment, found through their session).
        if signed_in or response.cookies or getattr(request, "serambi_personal", False):
            response["Cache-Control"] = "private, no-store"
        elif (request.method in ("GET", "HEAD")
              and response.status_code in self.CACHEABLE_STATUS and self.max_age > 0):
            response["Cache-Control"] = f"public, max-age={self.max_age}"
        return response
