"""Masking personal data in public text before it is stored and published.

NIK (16 digits), NIP (18 digits), Indonesian phone numbers (+62 / 62 / 08…, with spaces,
dots or dashes) and email addresses are replaced by a label. The unmasked text is not
kept anywhere (data minimisation, UU 27/2022): moderators see *that* and *what kind of*
data was masked (`Comment.redactions`), not the data itself.
"""

from __future__ import annotations

import re

NIK, NIP, PHONE, EMAIL = "nik", "nip", "phone", "email"

# Stored text is in the site's default language (the comment stays as written).
MASKS = {
    NIK: "[NIK disamarkan]",
    NIP: "[NIP disamarkan]",
    PHONE: "[nomor telepon disamarkan]",
    EMAIL: "[email disamarkan]",
}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A run of digits with single separators (space, dot, dash), optionally after "+".
_NUMBER = re.compile(r"(?<![\w+])\+?\d(?:[\s.\-]?\d){7,}(?!\w)")
_PHONE_PREFIX = re.compile(r"^(?:\+?62|0)8")


def _classify(number: str) -> str | None:
    digits = re.sub(r"\D", "", number)
    if len(digits) == 18:
        return NIP
    if len(digits) == 16:
        return NIK
    if _PHONE_PREFIX.match(number.replace(" ", "").replace("-", "").replace(".", "")) and (
        9 <= len(digits) <= 15
    ):
        return PHONE
    return None


def redact(text: str) -> tuple[str, list[str]]:
    """(masked text, sorted kinds of data that were masked)."""
    found: set[str] = set()

    def _mask_email(match: re.Match) -> str:
        found.add(EMAIL)
        return MASKS[EMAIL]

    def _mask_number(match: re.Match) -> str:
        kind = _classify(match.group(0))
        if kind is None:
            return match.group(0)
        found.add(kind)
        return MASKS[kind]

    text = _EMAIL.sub(_mask_email, text)
    text = _NUMBER.sub(_mask_number, text)
    return text, sorted(found)
