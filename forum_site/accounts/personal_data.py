"""Personal data (UU 27/2022): a registry feature apps fill, so accounts can export and
erase a person's data without importing them (accounts is the ground floor).

A feature app registers from its ``AppConfig.ready()``::

    from forum_site.accounts import personal_data
    personal_data.register_exporter("discussions", export_user_data)
    personal_data.register_eraser(erase_user_data)

An exporter takes the user and returns JSON-serialisable data (dates as ISO strings are
fine; ``DjangoJSONEncoder`` handles datetimes). An eraser takes the user *before* the
account is anonymised (so it can still see who they were) and the pseudonym the account
gets; it runs inside the deletion's transaction, so a failure rolls everything back.

The search slice registers its eraser here too: it must remove or re-project every record
that shows the person's name (their threads show the pseudonym after deletion).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], Any]
Eraser = Callable[..., None]

_exporters: dict[str, Exporter] = {}
_erasers: list[Eraser] = []


def register_exporter(name: str, func: Exporter) -> None:
    """Add (or replace, on a re-run of ready()) the exporter for section `name`."""
    _exporters[name] = func


def register_eraser(func: Eraser) -> None:
    """Add an eraser, called as ``func(user=user, pseudonym=pseudonym)``."""
    if func not in _erasers:
        _erasers.append(func)


def exporters() -> dict[str, Exporter]:
    return dict(_exporters)


def erasers() -> list[Eraser]:
    return list(_erasers)
