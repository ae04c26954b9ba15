"""One way to write a number, site-wide: plain figures, money, percentages.

Numbers follow the active language: Indonesian "Rp 1.250.000" and "12,5%", English
"Rp 1,250,000" and "12.5%". Django's USE_THOUSAND_SEPARATOR is left off site-wide (it
would also group years and identifiers); these functions group only where we ask.

Python code (the statistics sections' charts) calls them directly; templates use them as
filters, from `{% load serambi_numbers %}` (or `publications_tags`, which registers the
same functions). Unknown or empty input gives "" rather than an error.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _format(value: Decimal, decimals: int) -> str:
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def number(value, decimals=None) -> str:
    """1250000 → "1.250.000" (id) / "1,250,000" (en); 12.50 → "12,5". Empty for unknown.
    Without `decimals`, shows as many as the value has (at most 2, trailing zeros cut)."""
    amount = _decimal(value)
    if amount is None:
        return ""
    if decimals is None:
        amount = round(amount, 2).normalize()
        decimals = max(0, -amount.as_tuple().exponent)
    return _format(amount, int(decimals))


def measure(value, unit_of_measure="") -> str:
    """A figure with its unit: "35 menit", "71%" (no space before a percent sign)."""
    text = number(value)
    if not text or not unit_of_measure:
        return text
    if unit_of_measure == "%":
        return f"{text}%"
    return f"{text}\u00a0{unit_of_measure}"


def rupiah(value) -> str:
    """1250000 → "Rp 1.250.000" (non-breaking space, so it never wraps)."""
    amount = _decimal(value)
    if amount is None:
        return ""
    sign = "−" if amount < 0 else ""
    return f"{sign}Rp\u00a0{_format(abs(amount).quantize(Decimal(1)), 0)}"


def percent(value, decimals=1) -> str:
    """12.5 → "12,5%" (id) / "12.5%" (en); a whole number drops its decimals: "8%"."""
    amount = _decimal(value)
    if amount is None:
        return ""
    decimals = int(decimals)
    rounded = round(amount, decimals)
    if rounded == rounded.to_integral_value():
        decimals = 0
    return f"{_format(rounded, decimals)}%"


FILTERS = {"number": number, "measure": measure, "rupiah": rupiah, "percent": percent}


def register_filters(library) -> None:
    """Register the number filters on a template library (`serambi_numbers`, and
    `publications_tags` for the publication templates that load it)."""
    for name, function in FILTERS.items():
        library.filter(name, function)
