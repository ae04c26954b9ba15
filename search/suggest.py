""""Did you mean": for a search with few or no results, the visitor's words corrected
from the index's vocabulary (models.SearchTerm).

A word is corrected only when neither it nor its stem is in the vocabulary. Candidates
come from PostgreSQL's trigram similarity (pg_trgm, indexed) or, on SQLite, from the
words of about the same length; both are then ranked the same way: edit distance
(Damerau-Levenshtein, at most 2, 1 for short words), then how common the word is. The
suggestion is offered only when searching it finds something (selectors.search_page)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from django.db import connection
from django.db.models import Q
from django.db.models.functions import Length

from .models import SearchTerm
from .query import words
from .stemming import stem

MIN_CHARS = 4
MAX_CHARS = 40
SUGGEST_BELOW = 3  # results: fewer than this and a suggestion is looked for
CANDIDATES = 30
_LETTERS = re.compile(r"^[^\W\d_]+$", re.UNICODE)


def vocabulary_words(texts: Iterable[str]) -> Counter:
    """Words worth suggesting in these texts (letters only, 4–40 characters), each
    counted once a text."""
    counts: Counter = Counter()
    for text in texts:
        counts.update({w for token in words(text or "") for w in token.split()
                       if MIN_CHARS <= len(w) <= MAX_CHARS and _LETTERS.match(w)})
    return counts


def add_words(texts: Iterable[str]) -> None:
    """Add the words of newly indexed texts to the vocabulary (existing words kept)."""
    counts = vocabulary_words(texts)
    if counts:
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=w, stem=stem(w), frequency=n) for w, n in counts.items()],
            ignore_conflicts=True, batch_size=1000,
        )


def replace_vocabulary(counts: Counter) -> None:
    """The whole vocabulary, counted again (a rebuild)."""
    SearchTerm.objects.all().delete()
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=w, stem=stem(w), frequency=n) for w, n in counts.items()],
        batch_size=1000,
    )


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, capped at `limit`."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) >= limit:
            return limit
        previous2, previous = previous, current
    return min(previous[-1], limit)


def _candidates(word: str) -> list[tuple[str, int]]:
    if connection.vendor == "postgresql":
        table = SearchTerm._meta.db_table
        with connection.cursor() as cursor:
            # `%%` is pg_trgm's similarity operator (index-assisted), escaped for psycopg.
            cursor.execute(
                f"SELECT word, frequency FROM {table} WHERE word %% %s "  # noqa: S608
                "ORDER BY similarity(word, %s) DESC LIMIT %s",
                [word, word, CANDIDATES],
            )
            return cursor.fetchall()
    return list(SearchTerm.objects.annotate(chars=Length("word")).filter(
        chars__gte=len(word) - 2, chars__lte=len(word) + 2,
    ).values_list("word", "frequency"))


def correct(word: str) -> str | None:
    """The closest vocabulary word to an unknown `word`, or None."""
    allowed = 1 if len(word) <= 5 else 2
    best = None
    for candidate, frequency in _candidates(word):
        distance = edit_distance(word, candidate, limit=allowed + 1)
        if distance <= allowed:
            key = (distance, -frequency, candidate)
            if best is None or key < best[0]:
                best = (key, candidate)
    return best[1] if best else None


def suggestion(text: str) -> str:
    """`text` with its unknown words corrected, or "" when nothing could be corrected."""
    tokens = [w for token in words(text) for w in token.split()]
    checkable = {w for w in tokens if MIN_CHARS <= len(w) <= MAX_CHARS and _LETTERS.match(w)}
    if not checkable:
        return ""
    stems = {w: stem(w) for w in checkable}
    known = SearchTerm.objects.filter(Q(word__in=checkable) | Q(stem__in=set(stems.values())))
    known_words, known_stems = set(), set()
    for word, word_stem in known.values_list("word", "stem"):
        known_words.add(word)
        known_stems.add(word_stem)
    changed = False
    out = []
    for token in tokens:
        if token in checkable and token not in known_words and stems[token] not in known_stems:
            fixed = correct(token)
            if fixed:
                token, changed = fixed, True
        out.append(token)
    return " ".join(out) if changed else ""
