"""Brute-force limits on the account forms (allauth's limits, counted in the cache).

Test settings switch allauth's limits off so other tests can sign in freely; here they are
switched back on with the production values from base settings."""

import pytest
from django.test import Client
from django.urls import reverse

from forum_site.settings import base
from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits_on(settings):
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    return settings


def test_login_failures_are_limited_per_account_and_address(limits_on, citizen):
    url = reverse("account_login")
    bodies = []
    client = Client(REMOTE_ADDR="10.0.0.1")
    for _n in range(6):
        # The limit follows the account from this address (another address is not
        # locked: tests/accounts/test_proxy_and_lockout.py).
        response = client.post(url, {"login": citizen.email, "password": "wrong-password"})
        assert response.status_code == 200  # the form again, with an error
        bodies.append(response.content.decode())
    locked = "Terlalu banyak percobaan masuk yang gagal"
    assert not any(locked in body for body in bodies[:5])
    assert locked in bodies[5]
    # While locked, even the right password does not sign in from this address.
    response = client.post(url, {"login": citizen.email, "password": PASSWORD})
    assert locked in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_requests_are_limited_per_address(limits_on, citizen):
    url = reverse("account_reset_password")
    statuses = [
        Client(REMOTE_ADDR=f"10.0.1.{n + 1}").post(url, {"email": citizen.email}).status_code
        for n in range(7)
    ]
    assert 429 in statuses
    assert statuses[0] == 302
