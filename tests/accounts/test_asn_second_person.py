"""ASN verification: a second person decides, and a verification can be withdrawn
(issue 15, finding 6, first two parts).

A moderator could approve their own request and answer officially for a unit on their
own word. Another moderator must decide it."""

import pytest
from django.core.exceptions import PermissionDenied
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


# --- revoke with a reason (issue 15, finding 6, second part) ---------------------------------


def _revoke(client, profile, reason="Sudah pindah tugas ke instansi lain."):
    url = reverse("accounts_admin:verification_revoke", args=[profile.pk])
    return client.post(url, {"reason": reason})


def test_a_moderator_withdraws_a_verification_with_a_reason(
        moderator_client, moderator, verified_asn, citizen, unit_a, mailoutbox,
        django_capture_on_commit_callbacks):
    from discussions.models import OfficialAnswer
    from discussions.threads import services as forum
    from tests.discussions.factories import CategoryFactory, ThreadFactory

    thread = ThreadFactory(category=CategoryFactory(default_unit=unit_a), author=citizen)
    answer = forum.answer_publish(user=verified_asn, thread=thread,
                                  body="Pendaftaran dibuka bulan depan.")
    profile = verified_asn.asn_profile
    with django_capture_on_commit_callbacks(execute=True):
        response = _revoke(moderator_client, profile)
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == AsnProfile.Status.REVOKED
    assert profile.decided_by == moderator
    assert profile.decision_reason == "Sudah pindah tugas ke instansi lain."
    assert not verified_asn.groups.filter(name=roles.ASN).exists()
    # The badge goes: no more official answers; the published one keeps its signature.
    other = ThreadFactory(category=thread.category, author=citizen)
    with pytest.raises(PermissionDenied):
        forum.answer_publish(user=verified_asn, thread=other, body="Jawaban setelah dicabut.")
    published = OfficialAnswer.objects.get(pk=answer.pk)
    assert published.signer_position == "Analis Kebijakan Ahli Muda"
    assert [m.to for m in mailoutbox] == [[verified_asn.email]]
    assert "Sudah pindah tugas" in mailoutbox[0].body
    assert "dicabut" in mailoutbox[0].subject


def test_withdrawing_needs_a_reason_and_a_verified_account(moderator_client, verified_asn,
                                                            pending_asn):
    no_reason = _revoke(moderator_client, verified_asn.asn_profile, reason="  ")
    assert no_reason.status_code == 400
    assert "Berikan alasan" in no_reason.content.decode()
    assert verified_asn.asn_profile.status == AsnProfile.Status.VERIFIED
    pending = _revoke(moderator_client, pending_asn.asn_profile)
    assert pending.status_code == 400
    pending_asn.asn_profile.refresh_from_db()
    assert pending_asn.asn_profile.status == AsnProfile.Status.PENDING


def test_a_moderator_cannot_withdraw_their_own_verification(moderator, moderator_client, unit_a):
    own = AsnProfileFactory(user=moderator, unit=unit_a, verified=True)
    response = _revoke(moderator_client, own)
    assert response.status_code in (302, 403)
    own.refresh_from_db()
    assert own.status == AsnProfile.Status.VERIFIED


def test_only_moderators_withdraw(verified_asn_client, comms_client, verified_asn):
    for client in (verified_asn_client, comms_client):
        response = _revoke(client, verified_asn.asn_profile)
        assert response.status_code in (302, 403)
    verified_asn.asn_profile.refresh_from_db()
    assert verified_asn.asn_profile.status == AsnProfile.Status.VERIFIED


def test_a_withdrawn_asn_may_ask_again(verified_asn, moderator_client, client, unit_b):
    _revoke(moderator_client, verified_asn.asn_profile)
    client.force_login(verified_asn)
    page = client.get(reverse("accounts:asn_verification_request"))
    assert page.status_code == 200


def test_deactivating_a_unit_withdraws_its_verifications(moderator_client, verified_asn,
                                                         pending_asn, unit_a, mailoutbox,
                                                         django_capture_on_commit_callbacks):
    url = reverse("units:edit", args=[unit_a.pk])
    data = {"name": unit_a.name, "short_name": unit_a.short_name, "slug": unit_a.slug,
            "public_email": unit_a.public_email}  # is_active unticked
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(url, data)
    assert response.status_code == 302
    unit_a.refresh_from_db()
    assert not unit_a.is_active
    profile = AsnProfile.objects.get(user=verified_asn)
    assert profile.status == AsnProfile.Status.REVOKED
    assert unit_a.name in profile.decision_reason
    assert not verified_asn.groups.filter(name=roles.ASN).exists()
    # A waiting request stays in the queue for a moderator to decide.
    assert AsnProfile.objects.get(user=pending_asn).status == AsnProfile.Status.PENDING
    assert [m.to for m in mailoutbox] == [[verified_asn.email]]


def test_editing_an_active_unit_withdraws_nothing(moderator_client, verified_asn, unit_a):
    url = reverse("units:edit", args=[unit_a.pk])
    moderator_client.post(url, {"name": "BKPSDM Mamuju", "short_name": unit_a.short_name,
                                "slug": unit_a.slug, "public_email": unit_a.public_email,
                                "is_active": "on"})
    assert AsnProfile.objects.get(user=verified_asn).status == AsnProfile.Status.VERIFIED
