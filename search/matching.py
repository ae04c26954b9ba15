"""The visitor's terms as every engine matches them (issue 19): Sastrawi's stems
(search/stemming.py), the office's synonyms (search/synonyms.py), little words dropped
from whole questions. The database engine turns these groups into tsquery or FTS5 MATCH
text, Elasticsearch into match queries over the pre-stemmed fields; both index
`stemming.stem_text()` of titles and bodies, so a word finds the same records in both."""

from __future__ import annotations

from .query import STOP_WORDS, Terms
from .stemming import stem
from .synonyms import alternatives

Alternative = tuple[str, ...]  # the stems of one word (one) or of a phrase (several)
Group = tuple[Alternative, ...]  # any of these alternatives matches


def term_groups(terms: Terms, *, synonyms: bool = True) -> list[Group]:
    """The visitor's terms as the index holds words: one group per word or phrase, each a
    tuple of alternatives (a tuple of stems: one for a word, several for a phrase). A
    word's alternatives are its stem and the office's synonyms of it (search.synonyms),
    unless `synonyms` is False (the words as typed)."""
    groups = []
    # Little words ("apakah", "kapan", "saya") say nothing about what is sought: a whole
    # question finds what its other words find.
    meaningful = [w for w in terms.words if w not in STOP_WORDS] or (
        [] if terms.phrases else list(terms.words))
    for word in dict.fromkeys(stem(w) for w in meaningful):
        groups.append(((word,), *(alternatives(word) if synonyms else ())))
    for phrase in terms.phrases:
        groups.append((tuple(stem(w) for w in phrase),))
    return groups


def has_synonyms(terms: Terms) -> bool:
    return any(len(group) > 1 for group in term_groups(terms))


def typed(terms: Terms) -> Terms:
    """Any of the words as typed: scored on top of the full query, so a record with the
    visitor's own word ranks above one found through a synonym ("pppk" before "asn")."""
    return Terms(words=terms.words, phrases=terms.phrases, match_any=True,
                 title_only=terms.title_only)


def term_stems(terms: Terms) -> set[str]:
    """Every stem the terms may match (for highlighting)."""
    return {w for group in term_groups(terms) for alt in group for w in alt}
