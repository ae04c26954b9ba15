"""Cache entries emptied at once by one write: a *generation*.

A `Generation` is a random value under one cache key. Every entry cached through it is
stored with the generation current when it was read, *before* its value was computed,
and is a miss once the generation moved: moving it (`new()`) empties them all at once,
whatever their keys, and a value computed from rows older than a change that committed
meanwhile is never served after it. The anonymous page cache and the figures kept until
the next public change (`core.page_cache`) share one generation; Wagtail's routing rows
(`core.routing`) have their own. A cache that fails is a miss, never an error: the value
is computed every time."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

from django.core.cache import cache

logger = logging.getLogger(__name__)


class Generation:
    def __init__(self, key: str, *, label: str):
        self.key = key
        self.label = label  # for the log line when the cache fails

    def new(self) -> str:
        """Move the generation: every entry cached through it is stale."""
        generation = secrets.token_hex(8)
        try:
            cache.set(self.key, generation, None)
        except Exception:  # noqa: BLE001 - a cache that fails keeps no stale entry either
            logger.warning("%s unavailable", self.label, exc_info=True)
        return generation

    def current(self) -> str | None:
        """The generation now, made if there is none yet (None: the cache is down)."""
        try:
            return cache.get(self.key) or self.new()
        except Exception:  # noqa: BLE001
            logger.warning("%s unavailable", self.label, exc_info=True)
            return None

    def cached(self, key: str, compute: Callable[[], object], *, seconds: int):
        """The value kept under `key` if it belongs to the current generation, else
        `compute()`, kept for at most `seconds` (0: computed every time). The entry and
        the generation come in one round trip."""
        if seconds <= 0:
            return compute()
        try:
            found = cache.get_many([key, self.key])
        except Exception:  # noqa: BLE001
            logger.warning("%s unavailable", self.label, exc_info=True)
            return compute()
        generation = found.get(self.key)
        entry = found.get(key)
        if entry is not None and generation is not None and entry[0] == generation:
            return entry[1]
        if generation is None:
            generation = self.new()
        value = compute()
        try:
            cache.set(key, (generation, value), seconds)
        except Exception:  # noqa: BLE001
            logger.warning("%s unavailable", self.label, exc_info=True)
        return value
