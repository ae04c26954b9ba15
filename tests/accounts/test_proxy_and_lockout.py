"""Limits that hold behind the proxy, and locks that do not shut the owner out (issue 15,
findings 2 and 3).

One setting, SERAMBI_TRUSTED_PROXY_COUNT, decides the client address for allauth's limits
(login failures, signup, reset) and for ours (search, posting…). nginx appends the address
it sees to X-Forwarded-For, so behind one proxy the last entry is the client and whatever a
client wrote before it is ignored. Failed logins are counted per account *and* address."""

import re
import uuid

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from forum_site.settings import base
from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"
LOCKED = "Terlalu banyak percobaan masuk yang gagal"


@pytest.fixture
def limits_on(settings):
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    return settings


@pytest.fixture
def behind_proxy(limits_on):
    limits_on.SERAMBI_TRUSTED_PROXY_COUNT = 1
    return limits_on


def via_proxy(client_address: str, forged: str = "") -> Client:
    """A client behind nginx: `proxy_add_x_forwarded_for` appends the real address to
    whatever X-Forwarded-For the client sent."""
    chain = f"{forged}, {client_address}" if forged else client_address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain)


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _fail_login(client: Client, email: str) -> str:
    response = client.post(reverse("account_login"), {"login": email, "password": "salah-sekali"})
    return response.content.decode()


# --- finding 2: one proxy setting for every limiter ------------------------------------------


def test_behind_the_proxy_one_clients_failed_logins_do_not_block_another(behind_proxy, citizen):
    attacker = via_proxy("10.0.0.5")
    for _n in range(12):  # random addresses: the per-address limit (10/m) is what trips
        _fail_login(attacker, f"{uuid.uuid4().hex[:10]}@example.id")
    owner = via_proxy("10.0.0.6")
    response = owner.post(reverse("account_login"), {"login": citizen.email, "password": PASSWORD})
    assert response.status_code == 302
    assert _signed_in(owner)


def test_behind_the_proxy_a_forged_forwarded_for_keeps_the_clients_bucket(behind_proxy, citizen):
    bodies = [
        _fail_login(via_proxy("10.0.0.5", forged=f"203.0.113.{n}"), citizen.email)
        for n in range(6)
    ]
    assert not any(LOCKED in body for body in bodies[:5])
    assert LOCKED in bodies[5]


def test_without_a_proxy_a_forwarded_for_header_is_ignored(limits_on, citizen):
    bodies = [
        _fail_login(
            Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"), citizen.email
        )
        for n in range(6)
    ]
    assert LOCKED in bodies[5]


def test_behind_the_proxy_the_search_limit_is_per_client(behind_proxy):
    behind_proxy.SERAMBI_RATE_LIMITS = {**base.SERAMBI_RATE_LIMITS, "search": {"ip": "3/m"}}
    url = reverse("search:search")
    statuses = [via_proxy(f"10.0.1.{n}").get(url, {"q": "pangkat"}).status_code
                for n in range(1, 8)]
    assert statuses == [200] * 7
    same_client = [via_proxy("10.0.1.1", forged=f"198.51.100.{n}").get(url, {"q": "pangkat"})
                   .status_code for n in range(4)]
    assert same_client[-1] == 429


# --- finding 3: a lock is not a denial of service for the owner ------------------------------


def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out(limits_on, moderator):
    attacker = Client(REMOTE_ADDR="10.0.2.1")
    bodies = [_fail_login(attacker, moderator.email) for _n in range(6)]
    assert LOCKED in bodies[5]  # the attacker's address is locked for this account
    owner = Client(REMOTE_ADDR="10.0.2.2")
    response = owner.post(reverse("account_login"), {"login": moderator.email,
                                                     "password": PASSWORD})
    assert response.status_code == 302
    assert _signed_in(owner)


def test_password_reset_lets_a_locked_owner_back_in(limits_on, citizen):
    owner = Client(REMOTE_ADDR="10.0.3.1")
    for _n in range(6):
        _fail_login(owner, citizen.email)
    assert LOCKED in _fail_login(owner, citizen.email)

    owner.post(reverse("account_reset_password"), {"email": citizen.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    page = owner.get(link, follow=True)
    set_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    new_password = "Pantai-Manakarra-9"
    done = owner.post(set_url, {"password1": new_password, "password2": new_password})
    assert done.status_code == 302

    response = owner.post(reverse("account_login"), {"login": citizen.email,
                                                     "password": new_password})
    assert response.status_code == 302
    assert _signed_in(owner)
