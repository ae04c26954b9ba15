"""Every write to accounts, units and ASN verification goes through here."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import roles
from .models import AsnProfile, Consent, Unit, User
from .permissions import check_can_request_asn_verification, check_can_verify_asn
from .tasks import send_asn_decision_email, send_asn_request_received_email
from .validators import normalise_nip


def _add_role(user: User, role: str) -> None:
    group, _created = Group.objects.get_or_create(name=role)
    user.groups.add(group)


def _remove_role(user: User, role: str) -> None:
    user.groups.remove(*Group.objects.filter(name=role))


@transaction.atomic
def user_register(*, user: User, display_name: str, consent_version: str | None = None) -> User:
    """Finish a citizen's registration: display name, Warga role, recorded consent.

    Called by the allauth adapter once allauth has created the user row."""
    user.display_name = display_name.strip()
    user.full_clean(exclude=["password"])
    user.save(update_fields=["display_name"])
    _add_role(user, roles.CITIZEN)
    consent_record(
        user=user,
        purpose=Consent.Purpose.PRIVACY_NOTICE,
        version=consent_version or settings.PRIVACY_NOTICE_VERSION,
    )
    return user


def consent_record(*, user: User, purpose: str, version: str) -> Consent:
    consent, _created = Consent.objects.get_or_create(
        user=user, purpose=purpose, version=version,
        defaults={"given_at": timezone.now()},
    )
    return consent


@transaction.atomic
def asn_verification_request(
    *, user: User, nip: str, position: str, unit: Unit, official_email: str
) -> AsnProfile:
    """A registered user asks to be verified as an ASN of `unit`.

    A rejected request may be made again; it goes back to the queue."""
    check_can_request_asn_verification(user=user)
    profile = AsnProfile.objects.select_for_update().filter(user=user).first() or AsnProfile(
        user=user
    )
    profile.nip = normalise_nip(nip)
    profile.position = position.strip()
    profile.unit = unit
    profile.official_email = official_email.strip().lower()
    profile.status = AsnProfile.Status.PENDING
    profile.requested_at = timezone.now()
    profile.decided_at = None
    profile.decided_by = None
    profile.decision_reason = ""
    profile.full_clean()
    profile.save()
    transaction.on_commit(lambda: send_asn_request_received_email.enqueue(profile.pk))
    return profile


def _decide(*, profile: AsnProfile, moderator: User, status: str, reason: str) -> AsnProfile:
    check_can_verify_asn(user=moderator)
    profile = AsnProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    if profile.status != AsnProfile.Status.PENDING:
        raise ValidationError(_("This request has already been decided."), code="decided")
    profile.status = status
    profile.decided_by = moderator
    profile.decided_at = timezone.now()
    profile.decision_reason = reason.strip()
    profile.full_clean()
    profile.save()
    transaction.on_commit(lambda: send_asn_decision_email.enqueue(profile.pk))
    return profile


@transaction.atomic
def asn_verification_approve(*, profile: AsnProfile, moderator: User, note: str = "") -> AsnProfile:
    """Verify an ASN: they may now answer officially for their unit."""
    profile = _decide(
        profile=profile, moderator=moderator, status=AsnProfile.Status.VERIFIED, reason=note
    )
    _add_role(profile.user, roles.ASN)
    return profile


@transaction.atomic
def asn_verification_reject(*, profile: AsnProfile, moderator: User, reason: str) -> AsnProfile:
    """Reject a verification request; the reason is mandatory and sent to the user."""
    if not reason or not reason.strip():
        raise ValidationError({"reason": _("Give the reason for rejecting the request.")})
    profile = _decide(
        profile=profile, moderator=moderator, status=AsnProfile.Status.REJECTED, reason=reason
    )
    _remove_role(profile.user, roles.ASN)
    return profile
