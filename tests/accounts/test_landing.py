"""After signing in, staff land on their work (issue 17): a verified ASN on their unit's
queue, a moderator on the moderation queue, Tim Komunikasi on the Wagtail dashboard; a
citizen on the account page; a `next` address always wins."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(user, **query) -> str:
    url = reverse("account_login") + ("?next=" + query["next"] if query else "")
    response = Client().post(url, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def test_each_role_lands_on_its_work(citizen, verified_asn, moderator, comms, pending_asn):
    assert _sign_in(citizen) == reverse("accounts:overview")
    assert _sign_in(pending_asn) == reverse("accounts:overview")  # not verified yet
    assert _sign_in(verified_asn) == reverse("discussions:unit_queue")
    assert _sign_in(moderator) == reverse("discussions_admin:moderation_queue")
    assert _sign_in(comms) == reverse("wagtailadmin_home")


def test_the_landing_pages_answer(verified_asn, moderator, comms):
    for user in (verified_asn, moderator, comms):
        client = Client()
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD},
                    follow=True)
        assert client.get(_sign_in(user)).status_code == 200


def test_a_next_address_wins(moderator):
    assert _sign_in(moderator, next="/forum/") == "/forum/"


def test_the_account_page_links_each_persons_work(citizen_client, moderator_client,
                                                  verified_asn_client, comms_client):
    url = reverse("accounts:overview")
    assert 'id="work-heading"' not in citizen_client.get(url).content.decode()
    asn = verified_asn_client.get(url).content.decode()
    assert f'<a href="{reverse("discussions:unit_queue")}">Antrean unit</a>' in asn
    moderator = moderator_client.get(url).content.decode()
    assert f'<a href="{reverse("discussions_admin:moderation_queue")}">' in moderator
    comms = comms_client.get(url).content.decode()
    assert f'<a href="{reverse("wagtailadmin_home")}">Dasbor redaksi (Wagtail)</a>' in comms
