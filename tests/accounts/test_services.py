"""The rules every entry point shares (public views, Wagtail admin, commands): enforced
in the services and the database, not only in forms."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from forum_site.accounts import roles, services
from forum_site.accounts.models import AsnProfile, Consent, User
from tests.accounts.factories import AsnProfileFactory, UserFactory, nip_for

pytestmark = pytest.mark.django_db


def test_user_email_is_unique_ignoring_case_in_the_database():
    User.objects.create_user(email="siti@example.id", password="x", display_name="Siti")
    with pytest.raises(IntegrityError), transaction.atomic():
        User(email="SITI@example.id", display_name="Siti 2").save()


def test_user_manager_stores_email_lowercased_and_finds_it_in_any_case():
    user = User.objects.create_user(email="Siti@Example.ID", password="x", display_name="S")
    assert user.email == "siti@example.id"
    assert User.objects.get_by_natural_key("SITI@example.id") == user


def test_user_public_name_never_empty():
    user = UserFactory(display_name="")
    assert str(user.pk) in str(user.public_name)
    assert str(UserFactory(display_name="Nur")) == "Nur"


def test_many_requests_may_name_a_nip_but_one_account_is_verified_with_it(unit_a):
    AsnProfileFactory(nip=nip_for(7), unit=unit_a, verified=True)
    second = AsnProfileFactory(nip=nip_for(7), unit=unit_a)  # pending: allowed
    second.status = AsnProfile.Status.VERIFIED
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_unit_with_asn_profiles_cannot_be_deleted(pending_asn, unit_a):
    with pytest.raises(ProtectedError), transaction.atomic():
        unit_a.delete()


def test_user_register_records_consent_once_per_version(settings):
    user = UserFactory(display_name="")
    services.user_register(user=user, display_name="  Nur  ")
    services.user_register(user=user, display_name="Nur")
    assert Consent.objects.filter(user=user).count() == 1
    settings.PRIVACY_NOTICE_VERSION = "2099-01"
    services.user_register(user=user, display_name="Nur")
    assert Consent.objects.filter(user=user).count() == 2
    assert Consent.objects.filter(user=user, version="2099-01").exists()
    assert user.groups.filter(name=roles.CITIZEN).exists()


def test_user_register_rejects_overlong_display_name():
    user = UserFactory()
    with pytest.raises(ValidationError):
        services.user_register(user=user, display_name="x" * 51)


def test_asn_request_service_refuses_a_second_pending_request(pending_asn, unit_a):
    with pytest.raises(PermissionDenied):
        services.asn_verification_request(
            user=pending_asn, nip=nip_for(99), position="Analis", unit=unit_a,
            official_email="a@mamujukab.go.id",
        )


def test_asn_request_service_validates_the_nip_itself(citizen, unit_a):
    with pytest.raises(ValidationError) as excinfo:
        services.asn_verification_request(
            user=citizen, nip="199002302015031001", position="Analis", unit=unit_a,
            official_email="a@mamujukab.go.id",
        )
    assert "nip" in excinfo.value.message_dict
    assert not AsnProfile.objects.filter(user=citizen).exists()


def test_asn_decisions_require_a_moderator(pending_asn, citizen, comms, verified_asn):
    profile = pending_asn.asn_profile
    for user in (citizen, comms, verified_asn, pending_asn):
        with pytest.raises(PermissionDenied):
            services.asn_verification_approve(profile=profile, moderator=user)
        with pytest.raises(PermissionDenied):
            services.asn_verification_reject(profile=profile, moderator=user, reason="x")
    profile.refresh_from_db()
    assert profile.status == AsnProfile.Status.PENDING


def test_asn_reject_service_requires_a_reason(pending_asn, moderator):
    profile = pending_asn.asn_profile
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as excinfo:
            services.asn_verification_reject(profile=profile, moderator=moderator, reason=reason)
        assert "reason" in excinfo.value.message_dict
    profile.refresh_from_db()
    assert profile.status == AsnProfile.Status.PENDING


def test_asn_decision_is_final(pending_asn, moderator, superuser):
    profile = services.asn_verification_approve(
        profile=pending_asn.asn_profile, moderator=moderator, note="Cocok dengan SK."
    )
    assert profile.decision_reason == "Cocok dengan SK."
    with pytest.raises(ValidationError):
        services.asn_verification_reject(profile=profile, moderator=superuser, reason="Salah")
    with pytest.raises(ValidationError):
        services.asn_verification_approve(profile=profile, moderator=superuser)
    profile.refresh_from_db()
    assert profile.status == AsnProfile.Status.VERIFIED
    assert profile.decided_by == moderator


def test_asn_rejection_removes_the_asn_role(unit_a, moderator):
    """A user who somehow holds the ASN group loses it when their request is rejected."""
    user = UserFactory(roles=[roles.CITIZEN, roles.ASN])
    profile = AsnProfileFactory(user=user, unit=unit_a)
    services.asn_verification_reject(profile=profile, moderator=moderator, reason="Bukan ASN.")
    assert not user.groups.filter(name=roles.ASN).exists()
    assert user.groups.filter(name=roles.CITIZEN).exists()


def test_a_nip_named_by_another_request_is_accepted_and_left_to_the_moderators(
        unit_a, moderator, citizen):
    """Nobody claims a NIP by typing it: a second request naming it waits like any
    other (the moderators see the conflict), whatever the first request's state."""
    profile = AsnProfileFactory(unit=unit_a, nip=nip_for(11))
    services.asn_verification_reject(profile=profile, moderator=moderator, reason="Ganda.")
    mine = services.asn_verification_request(
        user=citizen, nip=nip_for(11), position="Analis", unit=unit_a,
        official_email="a@mamujukab.go.id",
    )
    assert mine.status == AsnProfile.Status.AWAITING_EMAIL


def test_two_moderators_verifying_one_nip_at_once_get_a_form_error_not_a_500(
    citizen, verified_asn, unit_a, moderator, monkeypatch
):
    """The check for an account already verified with the NIP passes for both (the race
    window, simulated by skipping it); the database's constraint refuses the second."""
    taken = verified_asn.asn_profile.nip
    mine = AsnProfileFactory(user=citizen, unit=unit_a, nip=taken)
    monkeypatch.setattr(services, "_nip_holder", lambda profile: None)
    with pytest.raises(ValidationError) as excinfo:
        services.asn_verification_approve(profile=mine, moderator=moderator)
    assert excinfo.value.code == "nip_verified_elsewhere"
    mine.refresh_from_db()
    assert mine.status == AsnProfile.Status.PENDING
