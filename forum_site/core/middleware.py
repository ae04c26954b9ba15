"""Response headers that Django's SecurityMiddleware does not set itself.

Content-Security-Policy is written here rather than through django-csp (Django 5.2)
or Django 6's built-in CSP, so that the same code and the same policy run on both
Django versions we support. The public site needs no nonce: it has no inline script
or style at all (JSON-LD data blocks are not executed and are not governed by
script-src). The Wagtail admin gets its own, looser policy because its editor relies
on inline scripts; it is only reachable by staff.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def build_csp(policy: dict[str, list[str]]) -> str:
    """Serialise a {directive: [sources]} mapping into a header value."""
    return "; ".join(
        f"{directive} {' '.join(sources)}".strip() for directive, sources in policy.items()
    )


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.public_csp = build_csp(settings.SERAMBI_CSP)
        self.admin_csp = build_csp(settings.SERAMBI_CSP_ADMIN)
        self.admin_prefixes = tuple(settings.SERAMBI_CSP_ADMIN_PREFIXES)
        self.permissions_policy = settings.SERAMBI_PERMISSIONS_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        is_admin = request.path.startswith(self.admin_prefixes)
        response.headers.setdefault(
            "Content-Security-Policy", self.admin_csp if is_admin else self.public_csp
        )
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
