"""One rate-limit facility for the whole site, on the configured cache (Redis in production).

Limits live in ``settings.SERAMBI_RATE_LIMITS``::

    SERAMBI_RATE_LIMITS = {
        "thread_create": {"user": "5/h", "ip": "20/h", "new_user": "2/h"},
    }

Each scope is counted separately in a fixed window: ``user`` per account, ``new_user`` per
account while it is younger than ``SERAMBI_NEW_ACCOUNT_AGE`` seconds (first-day caps),
``ip`` per client address (hashed: no address is stored or logged), ``key`` per any other
identifier the caller passes (e.g. an email address a confirmation goes to).

Services or views call :func:`hit`; when a limit is exceeded it raises :class:`RateLimited`,
which :class:`RateLimitMiddleware` turns into a translated 429 page with ``Retry-After``.
If the cache is down the request is let through (and logged): an outage of Redis must not
stop citizens from posting.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger(__name__)

_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int

    @classmethod
    def parse(cls, spec: str) -> Limit:
        """"5/h" → 5 per hour; "10/15m" → 10 per 15 minutes."""
        match = _SPEC.match(spec)
        if not match:
            raise ValueError(f"Invalid rate limit {spec!r}; use e.g. '5/h' or '10/15m'.")
        count, multiple, unit = match.groups()
        return cls(int(count), int(multiple or 1) * _UNIT_SECONDS[unit])


class RateLimited(Exception):  # noqa: N818 - reads better at call sites than RateLimitedError
    def __init__(self, *, action: str, scope: str, retry_after: int):
        super().__init__(f"rate limit {action}/{scope}")
        self.action, self.scope, self.retry_after = action, scope, max(1, retry_after)


def client_ip(request: HttpRequest) -> str:
    """The client address. Behind the proxy, the proxy's X-Forwarded-For must be trusted
    explicitly (SERAMBI_TRUSTED_PROXY_COUNT) or any client could forge it."""
    hops = getattr(settings, "SERAMBI_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        chain = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(chain) >= hops:
            return chain[-hops]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _digest(value: str) -> str:
    return hashlib.blake2b(
        value.encode(), digest_size=12, key=settings.SECRET_KEY.encode()[:64]
    ).hexdigest()


def _identities(*, user, ip: str | None, key: str | None) -> dict[str, str]:
    ids: dict[str, str] = {}
    if user is not None and getattr(user, "is_authenticated", False):
        ids["user"] = str(user.pk)
        age = getattr(settings, "SERAMBI_NEW_ACCOUNT_AGE", 86400)
        joined = getattr(user, "date_joined", None)
        if joined and (timezone.now() - joined).total_seconds() < age:
            ids["new_user"] = str(user.pk)
    if ip:
        ids["ip"] = _digest(ip)
    if key:
        ids["key"] = _digest(key.lower())
    return ids


def hit(
    action: str,
    *,
    request: HttpRequest | None = None,
    user=None,
    ip: str | None = None,
    key: str | None = None,
) -> None:
    """Count one attempt at `action`; raise RateLimited if any configured scope is over.

    Pass `request` to take the user and IP from it, or give them explicitly."""
    limits = settings.SERAMBI_RATE_LIMITS.get(action)
    if not limits or not getattr(settings, "SERAMBI_RATE_LIMITS_ENABLED", True):
        return
    if request is not None:
        user = user if user is not None else getattr(request, "user", None)
        ip = ip or client_ip(request)
    now = int(time.time())
    for scope, identity in _identities(user=user, ip=ip, key=key).items():
        spec = limits.get(scope)
        if not spec:
            continue
        limit = Limit.parse(spec)
        window = now // limit.seconds
        cache_key = f"rl:{action}:{scope}:{identity}:{window}"
        try:
            cache.add(cache_key, 0, timeout=limit.seconds + 5)
            count = cache.incr(cache_key)
        except Exception:  # noqa: BLE001 - any cache failure: let the request through
            logger.warning("rate limit cache unavailable for %s; request allowed", action)
            return
        if count > limit.count:
            retry_after = (window + 1) * limit.seconds - now
            logger.info("rate limit exceeded: action=%s scope=%s", action, scope)
            _count_limited(action)
            raise RateLimited(action=action, scope=scope, retry_after=retry_after)


def _count_limited(action: str) -> None:
    """Daily count of limited requests per action, for moderators' dashboards."""
    key = f"rl:stats:{timezone.localdate().isoformat()}:{action}"
    try:
        cache.add(key, 0, timeout=8 * 86400)
        cache.incr(key)
    except Exception:  # noqa: BLE001 - statistics must never fail a request
        logger.debug("rate-limit statistics unavailable", exc_info=True)


def limited_counts(*, day=None) -> dict[str, int]:
    """How many requests each action had refused on `day` (default today)."""
    day = (day or timezone.localdate()).isoformat()
    keys = {f"rl:stats:{day}:{action}": action for action in settings.SERAMBI_RATE_LIMITS}
    try:
        found = cache.get_many(list(keys))
    except Exception:  # noqa: BLE001
        return {}
    return {keys[k]: v for k, v in found.items()}


class RateLimitMiddleware:
    """Turns RateLimited raised anywhere in a view into a 429 page with Retry-After."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, RateLimited):
            return None
        minutes = max(1, (exception.retry_after + 59) // 60)
        response = render(
            request, "429.html", {"retry_after_minutes": minutes}, status=429
        )
        response["Retry-After"] = str(exception.retry_after)
        response["Cache-Control"] = "no-store"
        return response
