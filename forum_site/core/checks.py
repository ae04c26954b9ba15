"""System checks for settings whose mistakes would only show far from their cause."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_public_base_url(app_configs=None, **kwargs):
    """Production refuses a missing or placeholder SERAMBI_BASE_URL: every link in every
    email would otherwise point at a machine the reader cannot reach."""
    from .public_url import problem

    if not getattr(settings, "SERAMBI_REQUIRE_PUBLIC_BASE_URL", False):
        return []
    reason = problem(settings.SERAMBI_BASE_URL)
    if reason is None:
        return []
    return [Error(
        f"SERAMBI_BASE_URL {reason}.",
        hint="Set SERAMBI_BASE_URL to the address citizens use, e.g. "
             "https://serambi.example.go.id (README, Configuration).",
        id="serambi.E001",
    )]
