"""System checks for settings whose mistakes would only show far from their cause, or that
must agree with each other (run by `manage.py check`, and so by `check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register


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


@register(Tags.security, deploy=False)
def check_trusted_proxy_count(app_configs, **kwargs):
    """One proxy count for every limiter (docs/operations.md)."""
    ours = getattr(settings, "SERAMBI_TRUSTED_PROXY_COUNT", 0)
    allauths = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    if ours != allauths:
        return [Error(
            "ALLAUTH_TRUSTED_PROXY_COUNT differs from SERAMBI_TRUSTED_PROXY_COUNT.",
            hint="Set only SERAMBI_TRUSTED_PROXY_COUNT; the settings derive allauth's.",
            id="core.E010",
        )]
    return []


@register(Tags.security, deploy=False)
def check_host_prefixed_cookies(app_configs, **kwargs):
    """A __Host- cookie is dropped by the browser unless Secure, Path=/ and no Domain."""
    cookies = [
        ("SESSION_COOKIE", settings.SESSION_COOKIE_NAME),
        ("CSRF_COOKIE", settings.CSRF_COOKIE_NAME),
        ("LANGUAGE_COOKIE", settings.LANGUAGE_COOKIE_NAME),
    ]
    errors = []
    for prefix, name in cookies:
        if not name.startswith("__Host-"):
            continue
        secure = getattr(settings, f"{prefix}_SECURE", False)
        path = getattr(settings, f"{prefix}_PATH", "/")
        domain = getattr(settings, f"{prefix}_DOMAIN", None)
        if not secure or path != "/" or domain:
            errors.append(Error(
                f"{prefix}_NAME {name!r} needs {prefix}_SECURE=True, {prefix}_PATH='/' "
                f"and no {prefix}_DOMAIN, or browsers drop the cookie.",
                id="core.E011",
            ))
    return errors
