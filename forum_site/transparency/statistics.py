"""The statistics page's data: every registered section built for the visitor's filters,
cached per language and filter for a short time (SERAMBI_STATS_CACHE_SECONDS).

The cache holds the computed figures, not the HTML (the page carries per-visitor bits
such as the CSRF token of the language switch), so a cached view costs a template
render and no statistics query. Figures may be up to the TTL old; the page says when
they were computed."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from discussions import statistics as forum_stats

from .sections import Filters, registered_sections

CACHE_VERSION = 1


def cache_key(filters: Filters) -> str:
    return f"transparency:stats:v{CACHE_VERSION}:{get_language()}:{filters.cache_key}"


def statistics_data(filters: Filters, *, use_cache: bool = True) -> dict:
    """{"sections": [(section, context), …], "computed_at": datetime}."""
    ttl = settings.SERAMBI_STATS_CACHE_SECONDS
    key = cache_key(filters)
    if use_cache and ttl:
        cached = cache.get(key)
        if cached is not None:
            return _with_sections(cached)
    data = {
        "sections": {section.key: section.build(filters) for section in registered_sections()},
        "computed_at": timezone.now(),
    }
    if use_cache and ttl:
        cache.set(key, data, ttl)
    return _with_sections(data)


def _with_sections(data: dict) -> dict:
    sections = [
        (section, data["sections"][section.key])
        for section in registered_sections() if section.key in data["sections"]
    ]
    return {"sections": sections, "computed_at": data["computed_at"],
            "min_sample": forum_stats.min_sample()}
