"""The statistics page's data: every registered section built for the visitor's filters,
cached per language and filter (SERAMBI_STATS_CACHE_SECONDS) for every visitor, signed in
or not.

An entry is kept with the page cache's generation (`core.page_cache`) read before the
figures were computed, and is a miss once the generation moved: every write the figures
count (a thread written, answered or marked overdue, a comment's visibility, a moderation
decision, a survey response, a publish) empties it at once, so a cached figure is never
older than the last change the public could see. What changes with the clock alone
(today's "waiting N days") is at most the TTL old; the page says when the figures were
computed.

The cache holds the computed figures, not the HTML (the page carries per-visitor bits,
such as the header of a signed-in visitor), so a cached view costs a template render and
no statistics query."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from discussions import statistics as forum_stats
from forum_site.core.page_cache import until_public_change

from .sections import Filters, registered_sections

CACHE_VERSION = 3


def cache_key(filters: Filters) -> str:
    return f"transparency:stats:v{CACHE_VERSION}:{get_language()}:{filters.cache_key}"


def statistics_data(filters: Filters) -> dict:
    """{"sections": [(section, context), …], "computed_at": datetime, "min_sample": n}."""
    return _with_sections(until_public_change(
        cache_key(filters), lambda: _compute(filters),
        seconds=settings.SERAMBI_STATS_CACHE_SECONDS,
    ))


def _compute(filters: Filters) -> dict:
    return {
        "sections": {section.key: section.build(filters) for section in registered_sections()},
        "computed_at": timezone.now(),
    }


def _with_sections(data: dict) -> dict:
    sections = [
        (section, data["sections"][section.key])
        for section in registered_sections() if section.key in data["sections"]
    ]
    return {"sections": sections, "computed_at": data["computed_at"],
            "min_sample": forum_stats.min_sample()}
