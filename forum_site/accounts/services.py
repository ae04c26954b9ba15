"""Every write to accounts, units and ASN verification goes through here."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from forum_site.core import outbox
from forum_site.core.redaction import redact_text

from . import emails, personal_data, roles
from .models import AsnProfile, Consent, PersonalDataRequest, Unit, User
from .permissions import (
    check_can_decide_asn_request,
    check_can_handle_personal_data_request,
    check_can_manage_units,
    check_can_request_asn_verification,
    check_can_verify_asn,
)
from .validators import normalise_nip, validate_official_email


def _add_role(user: User, role: str) -> None:
    group, _created = Group.objects.get_or_create(name=role)
    user.groups.add(group)


def _remove_role(user: User, role: str) -> None:
    user.groups.remove(*Group.objects.filter(name=role))


@transaction.atomic
def user_register(*, user: User, display_name: str, consent_version: str | None = None) -> User:
    """Finish a citizen's registration: display name, Warga role, recorded consent.

    Called by the allauth adapter once allauth has created the user row."""
    # The name as typed must fit (a clear form error, never a silent cut); its masked form
    # ("[nomor HP disembunyikan]" for a phone number) may be longer and is cut to fit.
    user.display_name = display_name.strip()
    user.full_clean(exclude=["password"])
    user.display_name = redact_text(user.display_name)[: User._meta.get_field(
        "display_name").max_length]
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


ASN_EMAIL_SALT = "serambi.asn.official-email"


@transaction.atomic
def asn_verification_request(
    *, user: User, nip: str, position: str, unit: Unit, official_email: str
) -> AsnProfile:
    """A registered user asks to be verified as an ASN of `unit`.

    The request waits until the official email is confirmed (a link sent to it; the
    address must be at one of SERAMBI_OFFICIAL_EMAIL_DOMAINS); only then does it reach
    the moderators. A NIP that another request or account already names is accepted the
    same way: the visitor learns nothing about other accounts, and the moderators see the
    conflict (selectors.asn_nip_conflicts). A rejected or withdrawn request may be made
    again."""
    check_can_request_asn_verification(user=user)
    official_email = official_email.strip().lower()
    validate_official_email(official_email, settings.SERAMBI_OFFICIAL_EMAIL_DOMAINS)
    profile = AsnProfile.objects.select_for_update().filter(user=user).first() or AsnProfile(
        user=user
    )
    profile.nip = normalise_nip(nip)
    profile.position = position.strip()
    profile.unit = unit
    profile.official_email = official_email
    profile.status = AsnProfile.Status.AWAITING_EMAIL
    profile.requested_at = timezone.now()
    profile.email_confirmed_at = None
    profile.decided_at = None
    profile.decided_by = None
    profile.decision_reason = ""
    profile.full_clean(validate_constraints=False)
    profile.save()
    outbox.queue(kind=emails.OFFICIAL_EMAIL_CONFIRMATION, object_id=profile.pk)
    return profile


def asn_official_email_token(profile: AsnProfile) -> str:
    """The signed link token: it names the request, the address and the moment it was
    made, so a new request (or a changed address) makes older links void."""
    return signing.dumps(
        [profile.pk, profile.official_email, profile.requested_at.isoformat()],
        salt=ASN_EMAIL_SALT, compress=True)


def asn_profile_for_email_token(token: str) -> AsnProfile:
    """The request a confirmation link names; ValidationError when the link is broken,
    expired, or made void by a newer request."""
    max_age = timedelta(days=settings.SERAMBI_ASN_EMAIL_CONFIRM_DAYS)
    try:
        pk, email, stamp = signing.loads(token, salt=ASN_EMAIL_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationError(_("This confirmation link has expired. Ask for a new one "
                                "from your account page."), code="expired") from None
    except (signing.BadSignature, ValueError, TypeError):
        raise ValidationError(_("This confirmation link is not valid. Copy the whole link "
                                "from the email, or ask for a new one from your account "
                                "page."), code="invalid") from None
    profile = AsnProfile.objects.select_related("user", "unit").filter(pk=pk).first()
    if (profile is None or profile.official_email != email
            or profile.requested_at.isoformat() != stamp):
        raise ValidationError(_("This confirmation link belongs to an older request. Use "
                                "the link in the newest email."), code="stale")
    return profile


@transaction.atomic
def asn_official_email_confirm(*, token: str) -> AsnProfile:
    """Whoever holds the link has the official mailbox: the request goes to the
    moderators' queue. Confirming twice is harmless (the second time changes nothing)."""
    profile = asn_profile_for_email_token(token)
    profile = AsnProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.status != AsnProfile.Status.AWAITING_EMAIL:
        return profile
    profile.status = AsnProfile.Status.PENDING
    profile.email_confirmed_at = timezone.now()
    profile.save(update_fields=["status", "email_confirmed_at"])
    outbox.queue(kind=emails.REQUEST_RECEIVED, object_id=profile.pk)
    return profile


@transaction.atomic
def asn_official_email_resend(*, user: User) -> AsnProfile:
    """Send the confirmation link again (the same link: it stays valid for its days)."""
    profile = AsnProfile.objects.select_for_update().filter(user=user).first()
    if profile is None or profile.status != AsnProfile.Status.AWAITING_EMAIL:
        raise ValidationError(_("There is no request waiting for an email confirmation."),
                              code="not_waiting")
    if timezone.now() - profile.requested_at > timedelta(
            days=settings.SERAMBI_ASN_EMAIL_CONFIRM_DAYS):
        # The old link has expired: a fresh moment makes a fresh link.
        profile.requested_at = timezone.now()
        profile.save(update_fields=["requested_at"])
    outbox.queue(kind=emails.OFFICIAL_EMAIL_CONFIRMATION, object_id=profile.pk)
    return profile


def _nip_holder(profile: AsnProfile) -> AsnProfile | None:
    """The other account verified with this profile's NIP, if any."""
    return (AsnProfile.objects.select_related("user")
            .filter(nip=profile.nip, status=AsnProfile.Status.VERIFIED)
            .exclude(pk=profile.pk).first())


def _decide(*, profile: AsnProfile, moderator: User, status: str, reason: str) -> AsnProfile:
    check_can_verify_asn(user=moderator)
    profile = AsnProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    check_can_decide_asn_request(user=moderator, profile=profile)
    if profile.status != AsnProfile.Status.PENDING:
        raise ValidationError(_("This request has already been decided."), code="decided")
    if status == AsnProfile.Status.VERIFIED:
        holder = _nip_holder(profile)
        if holder is not None:
            raise ValidationError(
                _("Another account (%(name)s) is verified with this NIP. Withdraw that "
                  "verification first if it was wrong, or reject this request.")
                % {"name": holder.user.public_name}, code="nip_verified_elsewhere")
    profile.status = status
    profile.decided_by = moderator
    profile.decided_at = timezone.now()
    profile.decision_reason = reason.strip()
    profile.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError:
        # Two moderators approving two requests for one NIP at the same moment.
        raise ValidationError(_("Another account was verified with this NIP a moment ago."),
                              code="nip_verified_elsewhere") from None
    outbox.queue(kind=emails.DECISION, object_id=profile.pk)
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


@transaction.atomic
def asn_verification_revoke(*, profile: AsnProfile, moderator: User, reason: str) -> AsnProfile:
    """Withdraw a verification (the person left the unit, the claim proved false): the ASN
    role and badge go, they can no longer answer officially; answers already published
    stay signed with the name, position and unit they held then (OfficialAnswer keeps that
    snapshot). The reason is mandatory and sent to them. Another moderator decides, as for
    the request (check_can_decide_asn_request)."""
    if not reason or not reason.strip():
        raise ValidationError({"reason": _("Give the reason for withdrawing the verification.")})
    check_can_verify_asn(user=moderator)
    profile = AsnProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    check_can_decide_asn_request(user=moderator, profile=profile)
    if profile.status != AsnProfile.Status.VERIFIED:
        raise ValidationError(_("Only a verified account can have its verification withdrawn."),
                              code="not_verified")
    profile.status = AsnProfile.Status.REVOKED
    profile.decided_by = moderator
    profile.decided_at = timezone.now()
    profile.decision_reason = reason.strip()
    profile.full_clean()
    profile.save()
    _remove_role(profile.user, roles.ASN)
    outbox.queue(kind=emails.DECISION, object_id=profile.pk)
    return profile


@transaction.atomic
def asn_verifications_revoke_for_unit(*, unit: Unit, moderator: User) -> int:
    """Withdraw every verification of a unit that was deactivated (the reason names the
    unit; each person is told by email). Returns how many were withdrawn."""
    check_can_manage_units(user=moderator)
    with translation.override(settings.LANGUAGE_CODE):
        reason = _("The unit %(unit)s was deactivated.") % {"unit": unit.name}
    profiles = list(
        AsnProfile.objects.select_for_update().select_related("user")
        .filter(unit=unit, status=AsnProfile.Status.VERIFIED)
    )
    now = timezone.now()
    for profile in profiles:
        profile.status = AsnProfile.Status.REVOKED
        profile.decided_by = moderator
        profile.decided_at = now
        profile.decision_reason = reason
        profile.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        _remove_role(profile.user, roles.ASN)
    outbox.queue_many(kind=emails.DECISION, object_ids=[profile.pk for profile in profiles])
    return len(profiles)


# --- Personal data (UU 27/2022) --------------------------------------------------------

PERSONAL_DATA_REQUEST_HOURS = 72


def _iso(value):
    return value.isoformat() if value else None


def personal_data_export(*, user: User) -> dict:
    """Everything Serambi holds about `user`, as JSON-ready data: the account, the ASN
    profile (with their own NIP: it is theirs), consents, requests to the office, and a
    section for each app registered in `personal_data`."""
    profile = AsnProfile.objects.select_related("unit").filter(user=user).first()
    data = {
        "format": "serambi-personal-data/1",
        "exported_at": _iso(timezone.now()),
        "account": {
            "id": user.pk,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "display_name": user.display_name,
            "preferred_language": user.preferred_language,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "roles": sorted(user.groups.values_list("name", flat=True)),
        },
        "asn_profile": profile and {
            "nip": profile.nip,
            "position": profile.position,
            "unit": profile.unit.name,
            "official_email": profile.official_email,
            "status": profile.status,
            "requested_at": _iso(profile.requested_at),
            "decided_at": _iso(profile.decided_at),
            "decision_reason": profile.decision_reason,
        },
        "consents": [
            {"purpose": c.purpose, "version": c.version, "given_at": _iso(c.given_at)}
            for c in user.consents.order_by("given_at", "pk")
        ],
        "personal_data_requests": [
            {
                "kind": r.kind, "message": r.message, "created_at": _iso(r.created_at),
                "due_at": _iso(r.due_at), "status": r.status, "response": r.response,
                "handled_at": _iso(r.handled_at),
            }
            for r in user.personal_data_requests.order_by("created_at", "pk")
        ],
    }
    for name, exporter in sorted(personal_data.exporters().items()):
        data[name] = exporter(user)
    return data


def pseudonym_for(user: User) -> str:
    """A stable, non-reversible pseudonym: the same account always gets the same one."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:deleted-user:{user.pk}".encode()).hexdigest()
    with translation.override(settings.LANGUAGE_CODE):  # stored once, in the site language
        return _("Deleted user #%(code)s") % {"code": digest[:6]}


@transaction.atomic
def account_delete(*, user: User, password: str) -> str:
    """Delete an account at its owner's request (UU 27/2022): personal data is erased,
    public posts stay readable under a pseudonym. Returns the pseudonym.

    The user row stays (threads and supports point at it) but holds nothing personal:
    placeholder email, no names, an unusable password, inactive. Changing the password
    hash ends every other session (Django checks the hash on each request); the caller
    logs out the current one. Every registered eraser runs first, while it can still see
    who the person was. There are no cached fragments with user names to clear (the
    site caches none); the search index slice registers its own eraser."""
    if not user.is_authenticated or not user.is_active or not user.check_password(password):
        raise ValidationError({"password": _("The password is not correct.")}, code="password")
    from allauth.account.models import EmailAddress

    user = User.objects.select_for_update().get(pk=user.pk)
    pseudonym = pseudonym_for(user)
    for eraser in personal_data.erasers():
        eraser(user=user, pseudonym=pseudonym)
    # The NIP and official email go with the profile; official answers keep their own
    # snapshot of position and unit (the forum's eraser drops the name from it).
    AsnProfile.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    PersonalDataRequest.objects.filter(user=user).update(message="", response="")
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"deleted-{user.pk}@invalid"
    user.first_name = ""
    user.last_name = ""
    user.display_name = str(pseudonym)[: User._meta.get_field("display_name").max_length]
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    return user.display_name


def has_current_consent(*, user: User) -> bool:
    return Consent.objects.filter(
        user=user, purpose=Consent.Purpose.PRIVACY_NOTICE,
        version=settings.PRIVACY_NOTICE_VERSION,
    ).exists()


def consent_current_record(*, user: User) -> Consent:
    """The user agrees to the current version of the privacy notice."""
    return consent_record(
        user=user, purpose=Consent.Purpose.PRIVACY_NOTICE,
        version=settings.PRIVACY_NOTICE_VERSION,
    )


@transaction.atomic
def personal_data_request_create(*, user: User, kind: str, message: str) -> PersonalDataRequest:
    """A request to the office about the user's data; due within 3×24 hours."""
    now = timezone.now()
    request = PersonalDataRequest(
        user=user, kind=kind, message=message.strip(), created_at=now,
        due_at=now + timedelta(hours=PERSONAL_DATA_REQUEST_HOURS),
    )
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def personal_data_request_answer(
    *, request: PersonalDataRequest, moderator: User, response: str, done: bool = True
) -> PersonalDataRequest:
    """A moderator answers a request (shown to the user on their account page)."""
    check_can_handle_personal_data_request(user=moderator)
    if not response or not response.strip():
        raise ValidationError({"response": _("Write the answer to the request.")})
    request = PersonalDataRequest.objects.select_for_update().get(pk=request.pk)
    request.response = response.strip()
    request.status = PersonalDataRequest.Status.DONE if done else PersonalDataRequest.Status.OPEN
    request.handled_by = moderator
    request.handled_at = timezone.now()
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def display_names_remask() -> int:
    """Mask personal data in display names stored before masking covered them (a phone
    number typed as one's public name). Returns how many changed."""
    limit = User._meta.get_field("display_name").max_length
    changed = 0
    for pk, name in User.objects.exclude(display_name="").values_list("pk", "display_name"):
        masked = redact_text(name)[:limit]
        if masked != name:
            User.objects.filter(pk=pk).update(display_name=masked)
            changed += 1
    return changed


def second_factor_reset(*, email: str) -> int:
    """Remove an account's second factor (TOTP and recovery codes) when its owner lost
    both phone and codes; for a superuser at the server (`manage.py second_factor_reset`),
    after checking who asks. A staff account must then set one up again before /admin/.
    Returns how many authenticators were removed."""
    from allauth.mfa.models import Authenticator

    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError(_("No account has this email address."))
    deleted, _details = Authenticator.objects.filter(user=user).delete()
    return deleted
