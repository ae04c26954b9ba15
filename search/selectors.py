"""Reads: the search page and API, autocomplete, and the forum's duplicate check."""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from . import status, suggest
from .engines import EngineUnavailable, database_engine, primary_engine
from .engines.base import EngineResult, FacetCount, Hit, Suggestion
from .models import SearchEntry
from .query import (
    FACETS,
    MAX_PAGE,
    SORTS,
    QueryError,
    SearchQuery,
    Terms,
    clean_filter_values,
    normalise,
    parse_page,
    parse_terms,
)
from .records import translate_label, type_labels
from .suggest import SUGGEST_BELOW

logger = logging.getLogger("search")

FACET_LABELS = {
    "type": _("Type"),
    "unit": _("Unit"),
    "category": _("Category"),
    "area": _("Competency area"),
    "year": _("Year"),
    "status": _("Status"),
    "answered": _("Official answer"),
}
ANSWERED_LABELS = {"yes": _("Answered"), "no": _("Not answered yet")}

# Record types that share one meaning of `status` and `category` (issue 19: "Selesai"
# was listed twice, a completed programme and a resolved thread, and "Category" mixed
# forum topics, programme formats and information classes). Those two facets are shown
# only when the chosen types all belong to one group, with that group's label.
FACET_GROUPS = {
    "program": "program", "outcome": "outcome", "dip": "dip",
    "thread": "forum", "answer": "forum", "comment": "forum",
}
GROUP_FACET_LABELS = {
    ("category", "forum"): _("Forum topic"),
    ("category", "program"): _("Program format"),
    ("category", "dip"): _("Information class"),
    ("status", "forum"): _("Thread status"),
    ("status", "program"): _("Program status"),
    ("status", "outcome"): _("Outcome status"),
}
GROUPED_FACETS = ("category", "status")


def facet_group(types) -> str | None:
    """The one group the chosen types belong to, or None (no type chosen, or several)."""
    groups = {FACET_GROUPS.get(t) for t in types}
    return groups.pop() if len(groups) == 1 else None
# Facets whose values are checked against the index (others are checked by format).
_CHECKED_FACETS = {"unit": "unit", "category": "category", "area": "area", "status": "status"}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class SearchPage:
    """Everything the search page and the API show."""

    text: str
    query: SearchQuery | None
    message: str = ""
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    # More matches than were counted: `total` is a lower bound ("more than N") and the
    # facet counts cover those N newest matches.
    total_capped: bool = False
    # The facet counts cover only this many newest matches (0: all of them).
    facet_window: int = 0
    facets: list[Facet] = field(default_factory=list)
    engine: str = ""
    fallback: bool = False
    # "Did you mean": the visitor's words corrected, when few or no results were found
    # and the corrected search finds more (search/suggest.py).
    suggestion: str = ""

    @property
    def pages(self) -> int:
        if not self.query:
            return 0
        return min(MAX_PAGE, math.ceil(self.total / self.query.per_page))

    @property
    def page(self) -> int:
        return self.query.page if self.query else 1

    @property
    def searched(self) -> bool:
        return self.query is not None


class PageOutOfRange(Exception):  # noqa: N818
    pass


def _filters(params: Mapping) -> dict[str, tuple[str, ...]]:
    filters = {}
    known_types = set(type_labels())
    for facet in FACETS:
        values = list(params.getlist(facet)) if hasattr(params, "getlist") else (
            [params[facet]] if facet in params else [])
        values = clean_filter_values(facet, values)
        if facet == "type":
            values = tuple(v for v in values if v in known_types)
        if values:
            filters[facet] = values
    # Values that look right but are in no record are ignored, not searched for.
    for facet, column in _CHECKED_FACETS.items():
        if facet in filters:
            known = set(
                SearchEntry.objects.filter(**{f"{column}__in": filters[facet]})
                .values_list(column, flat=True).distinct()
            )
            kept = tuple(v for v in filters[facet] if v in known)
            if kept:
                filters[facet] = kept
            else:
                del filters[facet]
    return filters


def parse_search(
    params: Mapping, *, language: str, per_page: int = 10
) -> tuple[str, SearchQuery | None, str]:
    """(text to show in the box, query or None, message). Never raises on bad input."""
    raw = params.get("q", "") or ""
    text = normalise(raw)[:1000]
    try:
        terms = parse_terms(raw)
    except QueryError as exc:
        return text, None, str(exc.message)
    filters = _filters(params)
    if not terms and not filters:
        message = "" if not raw.strip() else str(
            _("Type a few words (letters or numbers) to search for."))
        return text, None, message
    sort = params.get("sort", "relevance")
    query = SearchQuery(
        terms=terms, filters=filters, sort=sort if sort in SORTS else "relevance",
        page=min(parse_page(params.get("page")), MAX_PAGE + 1), per_page=per_page,
        language=language,
    )
    return text, query, ""


def run_search(query: SearchQuery, *, facets: bool = True) -> tuple[EngineResult, str, bool]:
    """(result, engine name, fell back?) — Elasticsearch down means the database answers."""
    engine = primary_engine()
    try:
        result = engine.search(query, facets=facets)
    except EngineUnavailable as exc:
        status.record_failure(engine=engine.name, error=exc, needs_reconcile=False)
        fallback = database_engine()
        return fallback.search(query, facets=facets), fallback.name, True
    return result, engine.name, False


def search_page(params: Mapping, *, language: str) -> SearchPage:
    """The search page for these GET parameters. Raises PageOutOfRange for a page
    number past the last page of results."""
    text, query, message = parse_search(params, language=language)
    if query is None:
        return SearchPage(text=text, query=None, message=message)
    result, engine, fallback = run_search(query)
    page = SearchPage(text=text, query=query, hits=result.hits, total=result.total,
                      total_capped=result.total_capped, facet_window=result.facet_window,
                      facets=_facets(result.facets, query),
                      engine=engine, fallback=fallback)
    if query.page > 1 and query.page > page.pages:
        raise PageOutOfRange
    page.suggestion = _did_you_mean(query, result.total)
    return page


def _did_you_mean(query: SearchQuery, total: int) -> str:
    """A corrected search that finds more than this one, or ""."""
    if not query.terms or query.page > 1 or total >= SUGGEST_BELOW:
        return ""
    text = suggest.suggestion(query.terms.text)
    if not text:
        return ""
    corrected = SearchQuery(terms=parse_terms(text), filters=query.filters, per_page=1,
                            language=query.language)
    found, _engine, _fallback = run_search(corrected, facets=False)
    return text if found.total > total else ""


def _facets(counts: dict[str, list[FacetCount]], query: SearchQuery) -> list[Facet]:
    types = type_labels()
    group = facet_group(query.filters.get("type", ()))
    facets = []
    for name in FACETS:
        facet_label = FACET_LABELS[name]
        if name in GROUPED_FACETS:
            facet_label = GROUP_FACET_LABELS.get((name, group))
            if facet_label is None:
                continue  # no single meaning for the chosen types: not shown
        selected = set(query.filters.get(name, ()))
        values = []
        for fc in counts.get(name, []):
            if name == "type":
                label = str(types.get(fc.value, fc.value))
            elif name == "answered":
                label = str(ANSWERED_LABELS.get(fc.value, fc.value))
            elif name == "status":
                label = translate_label(fc.label)
            else:
                label = translate_label(fc.label) if name == "category" else (fc.label or fc.value)
            values.append(FacetValue(fc.value, label, fc.count, fc.value in selected))
        if values:
            facets.append(Facet(name, str(facet_label), values))
    return facets


def autocomplete(text: str, *, language: str, limit: int = 8) -> list[Suggestion]:
    try:
        terms = parse_terms(text)
    except QueryError:
        return []
    if not terms:
        return []
    engine = primary_engine()
    try:
        found = engine.autocomplete(terms, language=language, limit=limit * 2)
    except EngineUnavailable as exc:
        status.record_failure(engine=engine.name, error=exc, needs_reconcile=False)
        found = database_engine().autocomplete(terms, language=language, limit=limit * 2)
    # An official answer carries its thread's title: suggest each title once.
    seen, suggestions = set(), []
    for suggestion in found:
        if suggestion.title.casefold() not in seen:
            seen.add(suggestion.title.casefold())
            suggestions.append(suggestion)
    return suggestions[:limit]


def similar_ids(text: str, *, record_type: str, limit: int = 5, language: str = "id") -> list[int]:
    """Ids of `record_type` records whose titles are most like `text` (any word may
    match), best first.

    The forum's duplicate check calls this with a new thread's title."""
    try:
        terms = parse_terms(text, match_any=True, title_only=True)
    except QueryError:
        terms = parse_terms(text[:200], match_any=True, title_only=True)
    if not terms:
        return []
    query = SearchQuery(terms=terms, per_page=limit, language=language, types=(record_type,))
    result, _engine, _fallback = run_search(query, facets=False)
    return [hit.id for hit in result.hits]


def type_label(record_type: str) -> str:
    return str(type_labels().get(record_type, record_type))


__all__ = ["PageOutOfRange", "SearchPage", "Terms", "autocomplete", "search_page",
           "similar_ids", "type_label"]
