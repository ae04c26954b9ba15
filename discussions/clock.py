"""The forum's sense of time: every service asks here for "now" and "today".

Normally that is the real time (`django.utils.timezone.now`, and today's date in the
site's time zone, WITA). `frozen(at)` makes the forum act at another moment inside a
block — the demo seeder uses it to build threads with a believable past (opened weeks
ago, answered late, resolved after the closing window) through the real services, so
their deadlines and timelines are exactly what the services would have written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

_frozen: ContextVar[dt.datetime | None] = ContextVar("discussions_clock", default=None)


def now() -> dt.datetime:
    return _frozen.get() or timezone.now()


def today() -> dt.date:
    return timezone.localdate(now())


@contextmanager
def frozen(at: dt.datetime) -> Iterator[None]:
    if timezone.is_naive(at):
        raise ValueError("frozen() needs an aware datetime")
    token = _frozen.set(at)
    try:
        yield
    finally:
        _frozen.reset(token)
