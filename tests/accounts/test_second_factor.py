"""A second factor for staff (issue 15, finding 4): TOTP with recovery codes (allauth.mfa).

Moderators, Tim Komunikasi and superusers without an authenticator are sent to set one up
before the Wagtail admin, and every moderation action refuses them; ASN and citizens may
set one up. SERAMBI_STAFF_MFA_REQUIRED=0 relaxes it (the demo)."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client
from django.urls import reverse

from discussions.models import ThreadStatus
from tests.accounts.factories import PASSWORD
from tests.discussions.factories import CategoryFactory, ThreadFactory

pytestmark = pytest.mark.django_db

STAFF = ("moderator", "comms", "superuser")


@pytest.fixture
def required(settings):
    settings.SERAMBI_STAFF_MFA_REQUIRED = True
    return settings


def code_for(secret: str, step: int = 0) -> str:
    """The app's code now (step=0), or one window later (allowed by MFA_TOTP_TOLERANCE):
    a code already used is refused, as a replay would be."""
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2] + step))


def with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("role", STAFF)
def test_staff_without_a_second_factor_are_sent_to_set_one_up(request, required, role):
    client = request.getfixturevalue(f"{role}_client")
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('mfa_activate_totp')}?next=%2Fadmin%2Fpages%2F"


def test_staff_without_a_second_factor_cannot_moderate_on_the_public_site(
        required, moderator_client, citizen, unit_a):
    thread = ThreadFactory(category=CategoryFactory(default_unit=unit_a), author=citizen)
    response = moderator_client.post(
        reverse("discussions:thread_close", args=[thread.pk]),
        {"reason_kind": "off_topic", "reason": "Tidak terkait layanan ASN."},
    )
    assert response.status_code == 403
    thread.refresh_from_db()
    assert thread.status != ThreadStatus.CLOSED


@pytest.mark.parametrize("role", STAFF)
def test_staff_with_a_second_factor_reach_the_admin(request, required, role):
    with_totp(request.getfixturevalue(role))
    client = request.getfixturevalue(f"{role}_client")
    assert client.get("/admin/").status_code == 200


def test_citizens_and_asn_are_not_asked_for_a_second_factor(required, verified_asn_client):
    assert verified_asn_client.get(reverse("accounts:overview")).status_code == 200
    denied = verified_asn_client.get("/admin/", follow=True)
    assert denied.status_code == 403  # no admin, as before, and no second-factor page


def test_the_setting_relaxes_the_requirement_for_the_demo(settings, moderator_client):
    settings.SERAMBI_STAFF_MFA_REQUIRED = False
    assert moderator_client.get("/admin/").status_code == 200


def test_a_moderator_sets_up_totp_then_signs_in_with_it_or_a_recovery_code(required, moderator):
    client = Client()
    client.post(reverse("account_login"), {"login": moderator.email, "password": PASSWORD})
    assert _signed_in(client)
    assert client.get("/admin/").status_code == 302  # sent to the setup first

    # Setting up a second factor asks for the password again (allauth's reauthentication).
    assert client.get(reverse("mfa_activate_totp")).status_code == 302
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    assert secret in page.content.decode()  # shown for typing into the app, with the QR
    done = client.post(reverse("mfa_activate_totp"), {"code": code_for(secret)})
    assert done.status_code == 302
    assert Authenticator.objects.filter(user=moderator, type=Authenticator.Type.TOTP).exists()
    recovery = Authenticator.objects.get(user=moderator, type=Authenticator.Type.RECOVERY_CODES)
    codes = RecoveryCodes(recovery).get_unused_codes()
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200

    # Signing in again: the password alone gives no session.
    client.post(reverse("account_logout"))
    fresh = Client()
    step = fresh.post(reverse("account_login"), {"login": moderator.email, "password": PASSWORD})
    assert step.status_code == 302 and step["Location"] == reverse("mfa_authenticate")
    assert not _signed_in(fresh)
    wrong = fresh.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and not _signed_in(fresh)
    fresh.post(reverse("mfa_authenticate"), {"code": code_for(secret, step=1)})
    assert _signed_in(fresh)
    assert fresh.get("/admin/").status_code == 200

    # A lost phone: a recovery code works once.
    other = Client()
    other.post(reverse("account_login"), {"login": moderator.email, "password": PASSWORD})
    other.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert _signed_in(other)
    again = Client()
    again.post(reverse("account_login"), {"login": moderator.email, "password": PASSWORD})
    again.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert not _signed_in(again)


def test_an_asn_may_set_up_a_second_factor(required, verified_asn):
    client = Client()
    client.post(reverse("account_login"), {"login": verified_asn.email, "password": PASSWORD})
    assert client.get(reverse("mfa_index")).status_code == 200
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    assert client.get(reverse("accounts:overview")).status_code == 200


def test_a_superuser_can_reset_a_lost_second_factor_at_the_server(required, moderator_client,
                                                                  moderator):
    from io import StringIO

    from django.core.management import CommandError, call_command

    with_totp(moderator)
    out = StringIO()
    call_command("second_factor_reset", moderator.email.upper(), stdout=out)
    assert "Removed 1" in out.getvalue()
    assert not Authenticator.objects.filter(user=moderator).exists()
    assert moderator_client.get("/admin/").status_code == 302  # must set one up again
    with pytest.raises(CommandError):
        call_command("second_factor_reset", "siapa@example.id", stdout=StringIO())
