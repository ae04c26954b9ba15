"""From what a visitor typed to a query every engine can run safely.

The text is never handed to an engine's own query syntax. We normalise it (NFKC, drop
control and format characters such as zero-width spaces and right-to-left overrides),
keep words made of letters and digits, keep "quoted phrases", and the engines build their
query from those tokens only (PostgreSQL: websearch_to_tsquery over quoted tokens; SQLite:
FTS5 MATCH over quoted tokens; Elasticsearch: match queries, which have no syntax). So
quotes, AND/OR/NOT, *, ~, :, backslashes or SQL fragments are just text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
MAX_FILTER_VALUES = 10
PER_PAGE = 10
MAX_PAGE = 100

FACETS = ("type", "unit", "category", "area", "year", "status", "answered")
SORTS = ("relevance", "newest")

# Words too common to say anything (Indonesian and English); dropped only when any word
# may match (the duplicate check), where they would match nearly everything.
STOP_WORDS = frozenset({
    "yang", "dan", "atau", "untuk", "dengan", "dari", "pada", "dalam", "apakah", "bagaimana",
    "kapan", "mengapa", "kenapa", "berapa", "siapa", "dimana", "mana", "tidak", "belum",
    "sudah", "akan", "bisa", "dapat", "mohon", "tolong", "saya", "kami", "kita", "ini", "itu",
    "ada", "di", "ke", "the", "and", "for", "with", "what", "when", "how", "why", "does",
    "from", "about", "this", "that", "have", "has", "is", "a", "an", "of", "to", "in",
})
_WORD = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')
_VALUE = re.compile(r"^[\w-]{1,80}$")


class QueryError(ValueError):
    """The text cannot be searched; `message` says why, in the visitor's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def normalise(text: str | None) -> str:
    """NFKC, without control/format/private-use characters, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
        if unicodedata.category(ch) not in ("Cf", "Co", "Cs", "Cn")
    )
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """Lower-case words of letters and digits ("_" is not a word character for us)."""
    return [w for w in (m.replace("_", " ").strip() for m in _WORD.findall(text.lower())) if w]


@dataclass(frozen=True)
class Terms:
    """What to look for: single words and phrases (each a list of words)."""

    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    # True: any word may match (duplicate check); False: every word must (the search box).
    match_any: bool = False
    # Only titles are searched (the duplicate check compares a new title with titles).
    title_only: bool = False

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)

    @property
    def all_words(self) -> list[str]:
        return [*self.words, *(w for phrase in self.phrases for w in phrase)]

    @property
    def text(self) -> str:
        """Plain text of the terms (for engines whose queries have no syntax)."""
        return " ".join(self.all_words)


def parse_terms(text: str | None, *, match_any: bool = False, title_only: bool = False) -> Terms:
    """Words and "phrases" of `text`. Raises QueryError when it is too long."""
    text = normalise(text)
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            _("Your search is too long. Use at most %(max)s characters: a few words you "
              "remember are enough.") % {"max": MAX_QUERY_CHARS}
        )
    phrases: list[tuple[str, ...]] = []
    for match in _PHRASE.finditer(text):
        phrase = tuple(" ".join(words(match.group(1))).split())
        if len(phrase) > 1:
            phrases.append(phrase)
        elif phrase:
            text += " " + phrase[0]
    rest = _PHRASE.sub(" ", text)
    single: list[str] = []
    for word in " ".join(words(rest)).split():
        if word not in single:
            single.append(word)
    if match_any:
        meaningful = [w for w in single if w not in STOP_WORDS and len(w) > 2]
        single = meaningful or single
    budget = MAX_TERMS
    phrases = phrases[:budget]
    budget -= sum(len(p) for p in phrases)
    return Terms(words=tuple(single[:max(budget, 0)]), phrases=tuple(phrases),
                 match_any=match_any, title_only=title_only)


@dataclass(frozen=True)
class SearchQuery:
    """A parsed request: terms, facet filters, sort and page."""

    terms: Terms
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    language: str = "id"
    types: tuple[str, ...] = ()  # restrict to these record types (e.g. the duplicate check)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def clean_filter_values(facet: str, values: list[str]) -> tuple[str, ...]:
    """Drop values that cannot be right for `facet` (kept values may still match nothing)."""
    kept: list[str] = []
    for value in values[:MAX_FILTER_VALUES]:
        value = normalise(value)
        if not _VALUE.match(value):
            continue
        if facet == "year" and not (value.isdigit() and 1900 <= int(value) <= 2100):
            continue
        if facet == "answered" and value not in ("yes", "no"):
            continue
        if value not in kept:
            kept.append(value)
    return tuple(kept)


def parse_page(value) -> int:
    try:
        page = int(str(value))
    except (TypeError, ValueError):
        return 1
    return page if page >= 1 else 1
