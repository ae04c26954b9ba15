"""Masking personal data in text that becomes public, before it is stored.

One step for every free text a person writes for the public (thread titles and bodies,
official answers and their edits, acknowledgement notes, extension, dispute, re-routing
and closing reasons, comments, display names): `redact(text)` returns the text with each
piece of personal data replaced by a label, and the kinds it found. The unmasked text is
not kept (data minimisation, UU 27/2022): moderators see *that* and *what kind of* data
was masked. One exception, where a person needs it: the details an asker typed into their
own thread (`masked_values`) are kept apart, shown to the unit's ASN and moderators only,
marked as private, and erased with the account.

What is masked:
- NIK and KK numbers: 16 digits, written together or in groups (7306 0145 0785 0002,
  73.06.01.450785.0002); KK when "KK" or "kartu keluarga" comes just before;
- NIP: 18 digits, together or as 19850101 201001 1 001;
- NPWP: 15 digits (01.234.567.8-901.000), or 16 after the word "NPWP";
- mobile phone numbers: 08…, 62 8…, +62 8…, 10 to 15 digits with single spaces, dots
  or dashes between groups ((0812) 4567-8910 too);
- email addresses, also written as "nama [at] domain [dot] com" or "nama (at) domain.com".

What is left alone (the corpus in tests/core/test_redaction.py): dates (27-11-2026,
2026-11-27, 27/11/2026), times (08.00-16.00), Rupiah amounts (Rp 1.250.000.000,00,
1.500.000.000, Rp 1500000000000000), thread numbers (#12345), budget codes
(5.2.02.01.01.0024), years in a row (2024 2025 2026 2027)."""

from __future__ import annotations

import re

NIK, NIP, KK, NPWP, PHONE, EMAIL = "nik", "nip", "kk", "npwp", "phone", "email"

# Stored text is in the site's default language (the text stays as written).
MASKS = {
    NIK: "[NIK disamarkan]",
    NIP: "[NIP disamarkan]",
    KK: "[nomor KK disamarkan]",
    NPWP: "[NPWP disamarkan]",
    PHONE: "[nomor telepon disamarkan]",
    EMAIL: "[email disamarkan]",
}

_OPEN, _CLOSE = r"[\[\(\{<]", r"[\]\)\}>]"
_AT = rf"(?:\s?@\s?|\s*{_OPEN}\s*(?:at|@)\s*{_CLOSE}\s*)"
_DOT = rf"(?:\.|\s*{_OPEN}\s*(?:dot|titik|\.)\s*{_CLOSE}\s*)"
# Bounded parts (64 characters before the @, 63 per domain label: RFC 5321's limits) and
# a start that is not inside a word keep the search linear: text of ten thousand letters
# without an @ must not cost seconds.
_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]{{1,64}}{_AT}[\w-]{{1,63}}(?:{_DOT}[\w-]{{1,63}}){{1,8}}",
    re.IGNORECASE)

# A run of digit groups joined by one space, dot or dash (or a closing parenthesis and
# a space), optionally after "+" or "(", not glued to letters, to other digits, or to
# a decimal part (",00") or a slash (dates).
_SEP = r"(?:[ .\-]|\)\s?)"
_RUN = re.compile(rf"(?<![\w+.,/\-])\(?\+?\d+(?:{_SEP}\d+)*(?![\w]|[.,/\-]\d)")
_GROUP = re.compile(r"\d+")
_AMOUNT_BEFORE = re.compile(r"(?:\brp\.?|\bidr)\s*\(?$", re.IGNORECASE)
_KK_BEFORE = re.compile(r"\b(?:kk|kartu\s+keluarga)\b[^\d]{0,20}$", re.IGNORECASE)
_NPWP_BEFORE = re.compile(r"\bnpwp\b[^\d]{0,20}$", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")


def _phone_start(digits: str) -> bool:
    return digits.startswith(("08", "628"))


def _classify(groups: list[str], *, plus: bool, before: str) -> str | None:
    digits = "".join(groups)
    count = len(digits)
    if _phone_start(digits) and not (plus and digits.startswith("0")):
        return PHONE if 10 <= count <= 15 else None
    if plus:
        return None
    if len(groups) > 1 and 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
        return None  # thousands: 1.500.000.000
    if len(groups) > 1 and all(len(g) == 4 and _YEAR.fullmatch(g) for g in groups):
        return None  # 2024 2025 2026 2027
    if count == 18:
        return NIP
    if count == 16:
        if _NPWP_BEFORE.search(before):
            return NPWP
        return KK if _KK_BEFORE.search(before) else NIK
    if count == 15:
        return NPWP
    return None


MAX_PHONE_DIGITS, MAX_ID_DIGITS = 15, 18
# The shortest number we mask: a mobile number of ten digits. A shorter run of digits and
# separators is left as written without a look (text such as "(0(0(0…" is thousands of
# one-digit runs).
MIN_DIGITS = 10


def _last_within(groups: list[re.Match], i: int, digits: int) -> int:
    """The largest j such that groups[i:j] hold at most `digits` digits (at least i + 1):
    no number we mask is longer, so a run of thousands of groups costs linear time."""
    j, count = i, 0
    while j < len(groups):
        count += len(groups[j].group(0))
        if count > digits and j > i:
            break
        j += 1
    return j


def _mask_run(text: str, match: re.Match, found: set[str],
              values: list[tuple[str, str]] | None = None) -> str:
    run = match.group(0)
    if len(run) < MIN_DIGITS:
        return run
    before = text[max(0, match.start() - 30):match.start()]
    if _AMOUNT_BEFORE.search(before):
        return run
    groups = list(_GROUP.finditer(run))
    out, cursor, i = [], 0, 0
    while i < len(groups):
        start = groups[i].start()
        plus = run[max(0, start - 1):start] == "+"
        first_digits = groups[i].group(0)
        span = None
        if [len(g.group(0)) for g in groups[i:i + 6]] == [2, 3, 3, 1, 3, 3]:
            span = (i + 6, NPWP)  # 08.123.456.7-890.000: an NPWP, whatever it starts with
        elif _phone_start("".join(g.group(0) for g in groups[i:i + 2])[:3]) or (
                plus and first_digits.startswith("62")):
            # A phone number: the shortest run of groups that makes one (two numbers
            # written one after the other are two numbers).
            for j in range(i + 1, _last_within(groups, i, MAX_PHONE_DIGITS) + 1):
                kind = _classify([g.group(0) for g in groups[i:j]], plus=plus,
                                 before=before)
                if kind == PHONE:
                    span = (j, kind)
                    break
        else:
            # An identity number: the longest run of groups that makes one.
            for j in range(_last_within(groups, i, MAX_ID_DIGITS), i, -1):
                kind = _classify([g.group(0) for g in groups[i:j]], plus=plus,
                                 before=before)
                if kind is not None and kind != PHONE:
                    span = (j, kind)
                    break
        if span is None:
            i += 1
            continue
        j, kind = span
        begin = start - (1 if plus else 0)
        if begin > 0 and run[begin - 1] == "(":
            begin -= 1
        out.append(run[cursor:begin])
        out.append(MASKS[kind])
        found.add(kind)
        if values is not None:
            values.append((kind, run[begin:groups[j - 1].end()]))
        cursor = groups[j - 1].end()
        i = j
    out.append(run[cursor:])
    return "".join(out)


def _redact(text: str, values: list[tuple[str, str]] | None) -> tuple[str, list[str]]:
    if not text:
        return text or "", []
    found: set[str] = set()

    def _mask_email(match: re.Match) -> str:
        found.add(EMAIL)
        if values is not None:
            values.append((EMAIL, match.group(0)))
        return MASKS[EMAIL]

    text = _EMAIL.sub(_mask_email, text)
    text = _RUN.sub(lambda match: _mask_run(text, match, found, values), text)
    return text, sorted(found)


def redact(text: str) -> tuple[str, list[str]]:
    """(masked text, sorted kinds of data that were masked)."""
    return _redact(text, None)


def masked_values(text: str) -> list[tuple[str, str]]:
    """What `redact` would mask in `text`, as (kind, value as written) pairs in order.
    For the one place that keeps them privately: the contact details an asker typed
    into their thread, shown to the unit's ASN and moderators only
    (`discussions.models.ThreadPrivateDetail`)."""
    values: list[tuple[str, str]] = []
    _redact(text, values)
    return values


def redact_text(text: str) -> str:
    """The masked text alone."""
    return redact(text)[0]
