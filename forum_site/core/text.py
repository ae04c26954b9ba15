"""Text that is really there: what counts as visible in a title, a body or a name.

Some characters take up no room or draw nothing, yet are letters or symbols to Unicode:
combining marks on their own (U+0301 twenty times stacks into nothing), the combining
grapheme joiner U+034F, variation selectors (U+FE0F), the Hangul fillers (U+115F,
U+1160, U+3164, U+FFA0), the blank Braille pattern U+2800, Khmer's inherent vowels
(U+17B4, U+17B5). A title made of them is an invisible, unclickable link. Text is
visible when, besides those, it carries at least one letter or digit (Unicode general
categories L* and N*)."""

from __future__ import annotations

import unicodedata

# Letters (category Lo) or symbols that draw nothing.
FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5\u034f")


def has_visible_text(value: str | None) -> bool:
    """True when `value` holds at least one letter or digit that is not a filler."""
    return any(
        char not in FILLERS and unicodedata.category(char)[0] in "LN"
        for char in str(value or "")
    )
