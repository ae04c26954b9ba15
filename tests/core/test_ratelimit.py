"""The one rate-limit facility: counting per scope, 429 with Retry-After, fail-open."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from forum_site.core import ratelimit
from forum_site.core.ratelimit import Limit, RateLimited


@pytest.mark.parametrize(
    ("spec", "count", "seconds"),
    [("5/h", 5, 3600), ("10/15m", 10, 900), ("1/s", 1, 1), (" 3 / 2d ", 3, 172800)],
)
def test_limit_parse_accepts_count_per_period(spec, count, seconds):
    assert Limit.parse(spec) == Limit(count, seconds)


@pytest.mark.parametrize("spec", ["", "5", "5/x", "h/5", "-1/h"])
def test_limit_parse_rejects_nonsense(spec):
    with pytest.raises(ValueError):
        Limit.parse(spec)


def test_hit_raises_after_the_limit_per_user(settings, citizen):
    settings.SERAMBI_RATE_LIMITS = {"demo": {"user": "2/h"}}
    ratelimit.hit("demo", user=citizen)
    ratelimit.hit("demo", user=citizen)
    with pytest.raises(RateLimited) as excinfo:
        ratelimit.hit("demo", user=citizen)
    assert excinfo.value.scope == "user"
    assert 1 <= excinfo.value.retry_after <= 3600


def test_hit_counts_each_user_and_ip_separately(settings, citizen, moderator):
    settings.SERAMBI_RATE_LIMITS = {"demo": {"user": "1/h", "ip": "2/h"}}
    ratelimit.hit("demo", user=citizen, ip="10.0.0.1")
    ratelimit.hit("demo", user=moderator, ip="10.0.0.1")
    with pytest.raises(RateLimited) as excinfo:
        ratelimit.hit("demo", user=citizen, ip="10.0.0.2")
    assert excinfo.value.scope == "user"
    with pytest.raises(RateLimited) as excinfo:
        ratelimit.hit("demo", ip="10.0.0.1")
    assert excinfo.value.scope == "ip"


def test_new_accounts_get_the_tighter_first_day_cap(settings, citizen):
    settings.SERAMBI_RATE_LIMITS = {"demo": {"user": "10/h", "new_user": "1/h"}}
    ratelimit.hit("demo", user=citizen)
    with pytest.raises(RateLimited) as excinfo:
        ratelimit.hit("demo", user=citizen)
    assert excinfo.value.scope == "new_user"


def test_established_accounts_skip_the_first_day_cap(settings, citizen):
    settings.SERAMBI_RATE_LIMITS = {"demo": {"user": "10/h", "new_user": "1/h"}}
    settings.SERAMBI_NEW_ACCOUNT_AGE = 0
    for _ in range(3):
        ratelimit.hit("demo", user=citizen)


def test_cache_keys_hold_no_ip_address(settings):
    settings.SERAMBI_RATE_LIMITS = {"demo": {"ip": "5/h"}}
    ratelimit.hit("demo", ip="203.0.113.77")
    keys = list(cache._cache.keys())  # locmem internals: only to prove what is stored
    assert keys and not any("203.0.113" in key for key in keys)


def test_refusals_are_counted_for_moderators(settings, citizen):
    settings.SERAMBI_RATE_LIMITS = {"demo": {"user": "1/h"}}
    ratelimit.hit("demo", user=citizen)
    for _ in range(2):
        with pytest.raises(RateLimited):
            ratelimit.hit("demo", user=citizen)
    assert ratelimit.limited_counts() == {"demo": 2}


def test_cache_outage_lets_the_request_through(settings, citizen, monkeypatch):
    settings.SERAMBI_RATE_LIMITS = {"demo": {"user": "1/h"}}

    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(cache, "incr", broken)
    for _ in range(3):
        ratelimit.hit("demo", user=citizen)


def test_client_ip_ignores_forwarded_for_unless_proxy_is_trusted(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.1.1",
                                   HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9")
    settings.SERAMBI_TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_ip(request) == "10.1.1.1"
    settings.SERAMBI_TRUSTED_PROXY_COUNT = 1
    assert ratelimit.client_ip(request) == "198.51.100.9"


def test_limited_request_gets_translated_429_with_retry_after(settings, citizen, client):
    settings.SERAMBI_RATE_LIMITS = {"asn_verification_request": {"user": "1/d"}}
    client.force_login(citizen)
    url = reverse("accounts:asn_verification_request")
    client.post(url, {"nip": "bad"})
    response = client.post(url, {"nip": "bad"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response["Cache-Control"] == "no-store"
    assert "Terlalu banyak percobaan" in response.content.decode()
