"""Indonesian national holidays and cuti bersama from the `holidays` package, as plain
data: a seed for the editable `Holiday` table (the office corrects it when a decree
changes). No model imports, so migrations can use it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

NATIONAL = "national"
COLLECTIVE_LEAVE = "collective_leave"


def indonesian_holidays(years: Iterable[int]) -> list[tuple[dt.date, str, str]]:
    """(date, Indonesian name, kind) for each non-working day of `years`, sorted.

    Several holidays on one day are joined into one name; a day that is both a holiday
    and cuti bersama counts as a national holiday."""
    import holidays

    years = sorted(set(years))
    public = holidays.country_holidays("ID", years=years, language="id", categories=("public",))
    leave = holidays.country_holidays(
        "ID", years=years, language="id", categories=("government",)
    )
    days: dict[dt.date, tuple[list[str], str]] = {}
    for source, kind in ((public, NATIONAL), (leave, COLLECTIVE_LEAVE)):
        for day, names in source.items():
            for name in names.split("; "):
                current_names, current_kind = days.get(day, ([], kind))
                if name not in current_names:
                    current_names.append(name)
                days[day] = (current_names, NATIONAL if NATIONAL in (current_kind, kind) else kind)
    return [(day, "; ".join(names)[:200], kind) for day, (names, kind) in sorted(days.items())]
