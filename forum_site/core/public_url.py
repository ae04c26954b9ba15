"""The site's public address: the one place absolute links come from.

Emails are sent outside any request (by tasks, after commit), so they cannot take the
address from a request. Every absolute link Serambi writes into an email (comment
confirmation, moderation decisions, notifications, unsubscribe and List-Unsubscribe,
the account emails of allauth, the ASN verification emails) is built here from
`settings.SERAMBI_BASE_URL`. The same setting names Wagtail's default Site (hostname
and port) and the `django.contrib.sites` row (domain, and the office's name, which
allauth greets with): `sync_sites` runs after every `migrate`, so a deploy or `make run`
that changes the address updates both.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

# Hosts that cannot be a public office site: loopback, the documentation domains
# (RFC 2606/6761) and Django's placeholder row.
_PLACEHOLDER_HOSTS = {"localhost", "example.com", "example.net", "example.org", "testserver"}
_PLACEHOLDER_SUFFIXES = (".localhost", ".example", ".invalid", ".test", ".local",
                         ".example.com", ".example.net", ".example.org")


def base_url() -> str:
    """The configured public base URL without a trailing slash, e.g.
    `https://serambi.mamujukab.go.id`."""
    return settings.SERAMBI_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """`path` (as `reverse()` or `get_absolute_url()` gives it) on the public site."""
    if not path.startswith("/"):
        path = "/" + path
    return base_url() + path


def rebase(url: str) -> str:
    """An absolute URL built from a request (allauth builds its links that way) moved
    onto the public base URL, keeping path, query and fragment."""
    parts = urlsplit(url)
    if not (parts.scheme and parts.netloc):
        return absolute_url(url) if url.startswith("/") else url
    base = urlsplit(base_url())
    path = base.path.rstrip("/") + parts.path
    return urlunsplit((base.scheme, base.netloc, path, parts.query, parts.fragment))


def host_and_port(url: str | None = None) -> tuple[str, int]:
    """(hostname, port) of the base URL; the port defaults by scheme (80/443)."""
    parts = urlsplit(url or base_url())
    default = 443 if parts.scheme == "https" else 80
    return (parts.hostname or ""), (parts.port or default)


def problem(url: str) -> str | None:
    """Why `url` cannot be a production site's public address, or None if it can."""
    if not url:
        return "is not set"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be an absolute http(s) URL such as https://serambi.example.go.id"
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return "must be the site's root (scheme and host only, no path)"
    host = parts.hostname.lower()
    if host in _PLACEHOLDER_HOSTS or host.endswith(_PLACEHOLDER_SUFFIXES):
        return f"names a placeholder host ({host})"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None and (address.is_loopback or address.is_unspecified):
        return f"names a loopback address ({host})"
    if parts.scheme != "https":
        return "must use https in production"
    return None


def sync_sites(*, using: str = "default", **_kwargs) -> None:
    """Point Wagtail's default Site and the `django.contrib.sites` row at the base URL.

    Connected to `post_migrate` (of django.contrib.sites, so both tables exist and this
    runs before Django would create its example.com row); idempotent. Saving through the
    models clears both frameworks' caches of the rows."""
    from django.contrib.sites.models import Site as DjangoSite
    from django.db import connections
    from wagtail.models import Site

    tables = set(connections[using].introspection.table_names())
    if not {Site._meta.db_table, DjangoSite._meta.db_table} <= tables:
        return  # a partial migrate (one app) on a new database: the next one syncs
    hostname, port = host_and_port()
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(using=using, update_fields=["hostname", "port"])
    name = settings.SERAMBI_OFFICE_NAME[:50]
    domain = urlsplit(base_url()).netloc[:100]
    row = DjangoSite.objects.using(using).filter(pk=settings.SITE_ID).first()
    if row is None:
        DjangoSite.objects.using(using).create(pk=settings.SITE_ID, domain=domain, name=name)
    elif (row.domain, row.name) != (domain, name):
        row.domain, row.name = domain, name
        row.save(using=using, update_fields=["domain", "name"])
    DjangoSite.objects.clear_cache()
