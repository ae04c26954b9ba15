"""The engines, and the one place that says which is in use (settings.SERAMBI_SEARCH_ENGINE).

The database engine is always kept up to date: it is the fallback when Elasticsearch is
down, and the duplicate check and autocomplete can use it whatever the setting."""

from __future__ import annotations

from functools import cache

from django.conf import settings

from .base import EngineUnavailable, SearchEngine

__all__ = ["EngineUnavailable", "SearchEngine", "database_engine", "primary_engine",
           "write_engines"]


@cache
def database_engine() -> SearchEngine:
    from .database import DatabaseEngine

    return DatabaseEngine()


@cache
def _elasticsearch_engine() -> SearchEngine:
    from .elastic import ElasticsearchEngine

    return ElasticsearchEngine(
        url=settings.ELASTICSEARCH_URL,
        index=settings.SERAMBI_SEARCH_INDEX,
        client_options=getattr(settings, "SERAMBI_ELASTICSEARCH_OPTIONS", {}),
    )


def primary_engine() -> SearchEngine:
    """The engine that answers searches."""
    if settings.SERAMBI_SEARCH_ENGINE == "elasticsearch":
        return _elasticsearch_engine()
    return database_engine()


def write_engines() -> list[SearchEngine]:
    """Every engine that must hear about a change: the database, and Elasticsearch if used."""
    engines = [database_engine()]
    if settings.SERAMBI_SEARCH_ENGINE == "elasticsearch":
        engines.append(_elasticsearch_engine())
    return engines


def reset() -> None:
    """Forget engine instances (tests that change settings)."""
    database_engine.cache_clear()
    _elasticsearch_engine.cache_clear()
