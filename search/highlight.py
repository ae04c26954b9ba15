"""Highlights and snippets, the same for every database: a word is marked when its stem
(search.stemming) is one the visitor searched for, so "pelatihan" is marked for a search
for "melatih". The engines' own highlighters cannot do this over pre-stemmed text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .records import MARK_END, MARK_START
from .stemming import stem

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
SNIPPET_WORDS = 32
SHORT_CHARS = 240
LEAD_WORDS = 8


def _matches(text: str, stems: set[str]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text)
            if stem(m.group().lower()) in stems]


def _mark(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None):
    end = len(text) if end is None else end
    out, at = [], start
    for a, b in spans:
        if a < start or b > end:
            continue
        out.append(text[at:a] + MARK_START + text[a:b] + MARK_END)
        at = b
    out.append(text[at:end])
    return "".join(out)


def mark(text: str, stems: Iterable[str]) -> str:
    """`text` with every word whose stem is in `stems` between the highlight markers."""
    stems = set(stems)
    return _mark(text or "", _matches(text or "", stems)) if stems else (text or "")


def snippet(text: str, stems: Iterable[str], *, words: int = SNIPPET_WORDS) -> str:
    """About `words` words of `text` around its first matching word, marked; "" when no
    word matches (the caller shows the start of the text instead)."""
    text = " ".join((text or "").split())
    spans = _matches(text, set(stems))
    if not spans:
        return ""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    first = next(i for i, (a, _b) in enumerate(tokens) if a == spans[0][0])
    lo = max(0, first - LEAD_WORDS)
    hi = min(len(tokens), lo + words)
    start = 0 if lo == 0 else tokens[lo][0]
    end = len(text) if hi == len(tokens) else tokens[hi - 1][1]
    body = _mark(text, spans, start, end)
    return ("… " if start else "") + body + (" …" if end < len(text) else "")


def shorten(text: str) -> str:
    """The start of `text` (about SHORT_CHARS), for a result whose body has no matching
    word (it matched by its title)."""
    text = " ".join((text or "").split())
    if len(text) <= SHORT_CHARS:
        return text
    return text[:SHORT_CHARS].rsplit(" ", 1)[0] + " …"
