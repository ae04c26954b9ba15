"""The open-data registry: every app registers its own datasets, and /data/ lists them all.

An app registers in its `AppConfig.ready()`::

    from forum_site.core import opendata

    opendata.register("threads", thread_dataset, order=30, code_lists=thread_code_lists)

`build(request)` returns a `forum_site.core.exports.Dataset` (its columns are the
allow-list and the documentation on /data/); `code_lists()` returns the codes some
columns use, as `[(column name, [(code, label), …]), …]`. The core never imports a
feature app: the registry is how /data/ learns about their datasets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .exports import Dataset
from .plugins import Registry

CodeList = tuple[str, Iterable[tuple[str, str]]]


@dataclass(frozen=True)
class RegisteredDataset:
    slug: str
    build: Callable[..., Dataset]
    order: int
    code_lists: Callable[[], list[CodeList]] | None = None


DATASETS: Registry[RegisteredDataset] = Registry("open data: datasets",
                                                 owner="forum_site/core/opendata.py")


def register(
    slug: str,
    build: Callable[..., Dataset],
    *,
    order: int = 100,
    code_lists: Callable[[], list[CodeList]] | None = None,
) -> None:
    """Add (or replace) a dataset under /data/<slug>.csv and /data/<slug>.json."""
    DATASETS.add(slug, RegisteredDataset(slug=slug, build=build, order=order,
                                         code_lists=code_lists), order=order)


def registered() -> list[RegisteredDataset]:
    """Every dataset, in their registered order."""
    return DATASETS.items()


def get(slug: str) -> RegisteredDataset | None:
    return DATASETS.get(slug)


@dataclass(frozen=True)
class RegisteredFeed:
    key: str
    title: object  # a lazy translation
    url: Callable[[], str]
    order: int


FEEDS: Registry[RegisteredFeed] = Registry("open data: feeds", owner="forum_site/core/opendata.py")


def register_feed(key: str, *, title, url: Callable[[], str], order: int = 100) -> None:
    """An Atom feed /data/ lists and advertises with <link rel="alternate">."""
    FEEDS.add(key, RegisteredFeed(key=key, title=title, url=url, order=order), order=order)


def feeds() -> list[dict]:
    return [
        {"title": feed.title, "url": feed.url()}
        for feed in FEEDS
    ]
