"""The office's synonym list (settings.SERAMBI_SEARCH_SYNONYMS_FILE, search/synonyms.txt)
for every engine (search.matching expands the visitor's words with it):
"asn, pns, pppk" makes each word find the others; "skpd => opd" makes "skpd" find "opd"
too. Applied to the visitor's words only (search time), over stems: a one-word term
whose stem is in a rule also matches the rule's other members (a member of several words
as a phrase). The file is read again when it changes."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

from .query import words
from .stemming import stem

logger = logging.getLogger("search")
_RULE = re.compile(r"^[\w ,]+(=>[\w ,]+)?$", re.UNICODE)

Alternative = tuple[str, ...]  # the stems of one member ("aparatur sipil negara")


def _path():
    from django.conf import settings

    path = getattr(settings, "SERAMBI_SEARCH_SYNONYMS_FILE", None)
    return Path(path) if path else None


def _member(text: str) -> Alternative:
    return tuple(stem(w) for w in words(text))


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> dict[str, tuple[Alternative, ...]]:
    table: dict[str, list[Alternative]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = " ".join(line.strip().lower().split())
        if not line or line.startswith("#"):
            continue
        if not _RULE.match(line):
            logger.warning("search synonyms: ignored line %r", line)
            continue
        left, arrow, right = line.partition("=>")
        sources = [m for m in (_member(t) for t in left.split(",")) if m]
        targets = [m for m in (_member(t) for t in right.split(",")) if m] if arrow else sources
        for source in sources:
            if len(source) != 1:
                continue
            found = table.setdefault(source[0], [])
            for target in targets:
                if target != source and target not in found:
                    found.append(target)
    return {key: tuple(value) for key, value in table.items()}


def alternatives(word_stem: str) -> tuple[Alternative, ...]:
    """Other members a stemmed query word also matches (none when there is no list)."""
    path = _path()
    if path is None or not path.exists():
        return ()
    return _load(str(path), path.stat().st_mtime).get(word_stem, ())
