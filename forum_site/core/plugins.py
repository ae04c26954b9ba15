"""One way to plug in (issue 21 §3).

Every place where a feature app adds something to a list the core or another app owns is a
`Registry`, and every registry is filled the same way: by plain calls in the app's
`AppConfig.ready()`, never by decorators or module-level calls that run when a module
happens to be imported. So "where does X plug in?" has one answer: the app's `ready()`,
and `registries()` lists every registry of the site (docs/architecture.md, "Plug-in
points"). The owner of a registry keeps a small typed function around it
(`opendata.register`, `search.records.register`, `personal_data.register_exporter`,
`demo.register_seeder`, `sections.register_section`, `retention.register_ip_field`,
`landing.register_landing`, `outbox.register_kind`, `menu.register_section`,
`scheduler.register`), so the callers read the same whatever the item.

Registering the same key again replaces the entry (ready() may run twice in tests); items
come back ordered by `order`, then key.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Entry(Generic[T]):
    key: str
    item: T
    order: int


class Registry(Generic[T]):
    """A named, ordered set of items that apps add from `AppConfig.ready()`."""

    def __init__(self, name: str, *, owner: str, listed: bool = True) -> None:
        self.name = name
        self.owner = owner  # the module that reads it (for the documentation's table)
        self._entries: dict[str, Entry[T]] = {}
        if listed:
            _ALL[name] = self

    def add(self, key: str, item: T, *, order: int = 100) -> T:
        self._entries[key] = Entry(key=key, item=item, order=order)
        return item

    def entries(self) -> list[Entry[T]]:
        return sorted(self._entries.values(), key=lambda entry: (entry.order, entry.key))

    def items(self) -> list[T]:
        return [entry.item for entry in self.entries()]

    def get(self, key: str) -> T | None:
        entry = self._entries.get(key)
        return entry.item if entry is not None else None

    def keys(self) -> list[str]:
        return [entry.key for entry in self.entries()]

    def __iter__(self) -> Iterator[T]:
        return iter(self.items())

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries


_ALL: dict[str, Registry] = {}


def registries() -> dict[str, Registry]:
    """Every registry of the site, by name."""
    return dict(sorted(_ALL.items()))
