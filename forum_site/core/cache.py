"""A Redis cache that degrades to "always a miss" while Redis is unreachable.

Django's RedisCache raises on every call when Redis is down, and Wagtail, allauth and
our templates read the cache on every page: one Redis outage would turn the whole site
into 500s. Here a failing call is logged once per outage, answers as a miss (get →
default, add → True as if a lock were taken, set → nothing stored), and for
``OPTIONS["RETRY_SECONDS"]`` (REDIS_RETRY_SECONDS, default 5) the cache is not even
tried (a "circuit breaker", so a Redis that hangs does not slow every request).
``incr``/``decr`` still raise: the rate-limit facility
(forum_site/core/ratelimit.py) catches that and lets the request through (fail open).
When Redis answers again, the next call after the pause uses it normally.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

_FAILURES = (RedisError, OSError)


class CacheUnavailable(ConnectionError):  # noqa: N818 - it is a state, not an error path
    """Raised by incr/decr while Redis is unreachable."""


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        # Do not hang a request on a Redis that accepts no connection or never answers.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0

    # --- the breaker ----------------------------------------------------------------

    def _call(self, operation, *args, fallback=None, raise_when_down=False, **kwargs):
        if time.monotonic() < self._down_until:
            if raise_when_down:
                raise CacheUnavailable("cache unavailable")
            return fallback
        try:
            return operation(*args, **kwargs)
        except _FAILURES as exc:
            if self._down_until == 0.0 or time.monotonic() >= self._down_until + 60:
                logger.warning("cache unavailable (%s); serving without it", type(exc).__name__)
            self._down_until = time.monotonic() + self.retry_seconds
            if raise_when_down:
                raise CacheUnavailable("cache unavailable") from exc
            return fallback

    @property
    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    # --- the cache API ------------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # True while down: callers use add() as a lock (allauth's rate limits) and must
        # not wait for a lock nobody can hold; nothing is stored, so nothing is lost.
        return self._call(super().add, key, value, timeout, version=version,
                          fallback=True)

    def get(self, key, default=None, version=None):
        return self._call(super().get, key, default, version=version, fallback=default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, key, value, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, key, timeout, version=version, fallback=False)

    def delete(self, key, version=None):
        return self._call(super().delete, key, version=version, fallback=False)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, keys, version=version, fallback={})

    def has_key(self, key, version=None):
        return self._call(super().has_key, key, version=version, fallback=False)

    def incr(self, key, delta=1, version=None):
        return self._call(super().incr, key, delta, version=version, raise_when_down=True)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, data, timeout, version=version,
                          fallback=list(data))

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, keys, version=version)

    def clear(self):
        return self._call(super().clear, fallback=False)
