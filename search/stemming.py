"""The Indonesian stemmer every engine shares (Sastrawi, `PySastrawi` on PyPI).

Indexed text and the visitor's words go through the same `stem_text` / `stem`, so
"melatih", "dilatih", "latih" and "pelatihan" all become "latih", and "memimpin" meets
"kepemimpinan" ("pimpin"), which PostgreSQL's Snowball `indonesian` configuration misses.
The database engine stores stemmed text (SQLite FTS5 columns; PostgreSQL's
`search_vector` in the `simple` configuration), so both databases answer alike.

Sastrawi is dictionary-based: a word whose root is not in its dictionary is left as it
is. `kata_dasar.txt` beside this module adds roots of the office's vocabulary that the
dictionary lacks ("legalisir"). Words with digits are not stemmed. Stems are memoised
(a word costs ~0.1 ms the first time, nothing after)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from .query import words

EXTRA_ROOTS = Path(__file__).with_name("kata_dasar.txt")
MIN_LENGTH = 4  # shorter words (di, ke, asn, opd) are kept as they are


@cache
def _stemmer():
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    roots = StemmerFactory().get_words()
    extra = [line.strip().lower() for line in EXTRA_ROOTS.read_text(encoding="utf-8")
             .splitlines() if line.strip() and not line.startswith("#")]
    return Stemmer(ArrayDictionary([*roots, *extra]))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The root of one lower-case word (the word itself when none is found)."""
    if len(word) < MIN_LENGTH or not word.isalpha():
        return word
    return _stemmer().stem_word(word) or word


def stem_words(items: Iterable[str]) -> list[str]:
    return [stem(w) for w in items]


def stem_text(text: str | None) -> str:
    """`text` as the engines index it: its words (query.words), each stemmed."""
    return " ".join(stem(w) for token in words(text or "") for w in token.split())
