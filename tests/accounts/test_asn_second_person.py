"""ASN verification: a second person decides (issue 15, finding 6, first part).

A moderator could approve their own request and answer officially for a unit on their
own word. Another moderator must decide it."""

import pytest
from django.urls import reverse

from forum_site.accounts import roles
from forum_site.accounts.models import AsnProfile
from tests.accounts.factories import AsnProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def _review(client, profile, decision, reason="NIP dan jabatan sesuai."):
    url = reverse("accounts_admin:verification_review", args=[profile.pk])
    return client.post(url, {"decision": decision, "reason": reason})


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_moderator_cannot_decide_their_own_request(moderator, moderator_client, unit_a,
                                                      decision):
    own = AsnProfileFactory(user=moderator, unit=unit_a)
    response = _review(moderator_client, own, decision)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].rstrip("/").endswith("/admin")  # the dashboard, refused
    own.refresh_from_db()
    assert own.status == AsnProfile.Status.PENDING
    assert own.decided_by is None
    assert not moderator.groups.filter(name=roles.ASN).exists()


def test_another_moderator_decides_it(client, moderator, unit_a):
    own = AsnProfileFactory(user=moderator, unit=unit_a)
    second = UserFactory(display_name="Moderator Kedua", roles=[roles.MODERATOR])
    client.force_login(second)
    response = _review(client, own, "approve")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts_admin:verification_queue")
    own.refresh_from_db()
    assert own.status == AsnProfile.Status.VERIFIED
    assert own.decided_by == second
