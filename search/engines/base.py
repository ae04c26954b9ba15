"""What every engine offers, and the shapes of what a search returns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..query import SearchQuery, Terms
from ..records import MARK_END, MARK_START, SearchRecord

Progress = Callable[[str], None]

# How much a match counts by record type (relevance is multiplied by it): what the office
# publishes about its programmes and their outcomes comes before what is said about them
# (settings.SERAMBI_SEARCH_TYPE_WEIGHTS overrides any of these).
TYPE_WEIGHTS = {
    "program": 2.0,
    "outcome": 1.8,
    "report": 1.5,
    "news": 1.4,
    "dip": 1.4,
    "thread": 1.0,
    "answer": 0.9,
    "comment": 0.5,
}


# How much a word in a title counts against one in a body: SQLite's bm25 column weights
# and Elasticsearch's field boost (PostgreSQL ranks its weight A above B in ts_rank).
TITLE_WEIGHT = 10.0


def collapses(query: SearchQuery) -> bool:
    """Whether records sharing a collapse key (a thread's comments) show as one result:
    always, unless the visitor chose to see comments only."""
    return tuple(query.filters.get("type", ())) != ("comment",)


def type_weights() -> dict[str, float]:
    """TYPE_WEIGHTS with the settings' overrides (read once a search)."""
    from django.conf import settings

    overrides = getattr(settings, "SERAMBI_SEARCH_TYPE_WEIGHTS", None) or {}
    return {**TYPE_WEIGHTS, **{k: float(v) for k, v in overrides.items()}}


def highlight_html(text: str) -> SafeString:
    """Escape `text` completely, then turn the engine's markers into <mark>. The markers
    are stripped from everything indexed, so only the engine can place them."""
    escaped = str(escape(text or ""))
    # An engine may cut a snippet between markers: close what it opened.
    opened = 0
    out = []
    for ch in escaped:
        if ch == MARK_START:
            if not opened:
                out.append("<mark>")
            opened += 1
        elif ch == MARK_END:
            if opened:
                opened -= 1
                if not opened:
                    out.append("</mark>")
        else:
            out.append(ch)
    if opened:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - escaped above; only <mark> added


@dataclass
class Hit:
    key: str
    type: str
    id: int
    url: str
    title: str  # with markers
    snippet: str  # with markers
    date: dt.date | None = None
    unit_label: str = ""
    status_label: str = ""
    category_label: str = ""
    area_label: str = ""
    score: float = 0.0
    # How many records of its collapse group matched (a thread's comments: "3 comments
    # match"); 1 for an ordinary result.
    matches: int = 1

    @property
    def title_html(self) -> SafeString:
        return highlight_html(self.title)

    @property
    def snippet_html(self) -> SafeString:
        return highlight_html(self.snippet)


@dataclass
class FacetCount:
    value: str
    label: str
    count: int


@dataclass
class EngineResult:
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    # True when `total` is a lower bound: there are more matches than were counted, and
    # the facet counts cover only the `total` rows counted (shown as "more than N").
    total_capped: bool = False
    # The facet counts cover only this many newest matches (0: every match). Set with
    # total_capped, or alone when a filtered facet's own counts had to be capped.
    facet_window: int = 0


@dataclass
class Suggestion:
    title: str
    url: str
    type: str


class EngineUnavailable(Exception):  # noqa: N818 - the name says what happened
    """The engine cannot be reached; callers fall back to the database engine."""


class SearchEngine:
    name = "base"

    def upsert(self, records: Iterable[SearchRecord]) -> int:
        raise NotImplementedError

    def delete(self, keys: Iterable[str]) -> int:
        raise NotImplementedError

    def search(self, query: SearchQuery, *, facets: bool = True) -> EngineResult:
        raise NotImplementedError

    def autocomplete(self, terms: Terms, *, language: str, limit: int = 8) -> list[Suggestion]:
        raise NotImplementedError

    def checksums(self) -> dict[str, str]:
        """key → checksum of everything in the index (for reconcile)."""
        raise NotImplementedError

    def rebuild(self, records: Iterable[SearchRecord], *, progress: Progress) -> int:
        """Replace the whole index with `records`; returns how many were indexed."""
        raise NotImplementedError

    def optimise(self, *, progress: Progress) -> None:
        """Reorganise the index for reading (after a rebuild, or on a schedule). Optional:
        an engine that needs nothing does nothing."""
