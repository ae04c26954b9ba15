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

from forum_site.core.plugins import Registry  # noqa: E402

EXPORTERS: Registry[Exporter] = Registry("personal data: exporters",
                                         owner="forum_site/accounts/personal_data.py")
ERASERS: Registry[Eraser] = Registry("personal data: erasers",
                                     owner="forum_site/accounts/personal_data.py")


def register_exporter(name: str, func: Exporter) -> None:
    """Add (or replace, on a re-run of ready()) the exporter for section `name`."""
    EXPORTERS.add(name, func)


def register_eraser(func: Eraser) -> None:
    """Add an eraser, called as ``func(user=user, pseudonym=pseudonym)``."""
    ERASERS.add(f"{func.__module__}.{func.__qualname__}", func)


def exporters() -> dict[str, Exporter]:
    return {entry.key: entry.item for entry in EXPORTERS.entries()}


def erasers() -> list[Eraser]:
    return ERASERS.items()
