"""Who may do what, as functions that raise PermissionDenied.

Services call these first, so every entry point (public views, the Wagtail admin,
management commands, an API) obeys the same rule. `is_*` helpers answer yes/no for
templates; `check_*` functions enforce.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from . import roles
from .models import AsnProfile, Unit

MODERATOR_PERMISSION = ("accounts", "verify_asnprofile")
# Read with the signed-in user of each request (`moderator_permission_expression`,
# registered in AccountsConfig.ready()): Django's has_perm loads every permission of the
# user and of their groups, two queries on every signed-in page that asks (issue 20).
MODERATOR_ATTRIBUTE = "serambi_has_moderator_permission"


def moderator_permission_expression(user=None):
    """Whether a user holds the moderator permission, directly or through a group, as an
    expression: the user of the outer statement's row (`OuterRef("pk")`, the default), or
    `user` (a user, or an expression naming one, such as `OuterRef("user_id")`)."""
    from django.contrib.auth.models import Permission
    from django.db.models import Exists, OuterRef, Q

    who = OuterRef("pk") if user is None else user
    app_label, codename = MODERATOR_PERMISSION
    return Exists(Permission.objects.filter(
        Q(user=who) | Q(group__user=who), content_type__app_label=app_label,
        codename=codename,
    ))


def is_moderator(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    held = getattr(user, MODERATOR_ATTRIBUTE, None)  # None: a user not read by a request
    return bool(held) if held is not None else user.has_perm(".".join(MODERATOR_PERMISSION))


def has_confirmed_email(user) -> bool:
    """The account confirmed an email address (allauth): its reports count."""
    from allauth.account.models import EmailAddress

    return bool(user.is_authenticated
                and EmailAddress.objects.filter(user=user, verified=True).exists())


def _asn_profile(user) -> AsnProfile | None:
    try:
        return user.asn_profile
    except AsnProfile.DoesNotExist:
        return None


def verified_asn_profile(user) -> AsnProfile | None:
    """The user's ASN profile if it is verified, else None (no query when cached)."""
    if not user.is_authenticated or not user.is_active:
        return None
    profile = _asn_profile(user)
    return profile if profile is not None and profile.is_verified else None


def is_verified_asn(user, *, unit: Unit | None = None) -> bool:
    profile = verified_asn_profile(user)
    if profile is None:
        return False
    return unit is None or profile.unit_id == unit.pk


def is_staff_role(user) -> bool:
    """Moderators, Tim Komunikasi and superusers: the accounts that must have a second
    factor (when SERAMBI_STAFF_MFA_REQUIRED)."""
    return bool(
        user.is_authenticated and user.is_active
        and (user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"))
    )


def has_second_factor(user) -> bool:
    """A TOTP authenticator is set up (allauth.mfa); cached on the user object."""
    cached = getattr(user, "_serambi_has_second_factor", None)
    if cached is None:
        from allauth.mfa.models import Authenticator

        cached = Authenticator.objects.filter(
            user_id=user.pk, type=Authenticator.Type.TOTP
        ).exists()
        user._serambi_has_second_factor = cached
    return cached


def needs_second_factor(user) -> bool:
    """True while a staff account has not set up its second factor (and the setting
    requires one): it reaches neither /admin/ nor any moderation action."""
    from django.conf import settings

    return bool(
        getattr(settings, "SERAMBI_STAFF_MFA_REQUIRED", True)
        and is_staff_role(user)
        and not has_second_factor(user)
    )


def check_second_factor(*, user) -> None:
    if user is not None and needs_second_factor(user):
        raise PermissionDenied(_(
            "Set up two-step verification (an authenticator app) in your account before "
            "you moderate or use the admin."
        ))


def check_can_request_asn_verification(*, user) -> None:
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Sign in to ask for ASN verification."))
    profile = _asn_profile(user)
    if profile is not None and profile.status not in (
        AsnProfile.Status.REJECTED, AsnProfile.Status.REVOKED, AsnProfile.Status.AWAITING_EMAIL
    ):
        raise PermissionDenied(_("You have already asked for ASN verification."))


def check_can_verify_asn(*, user) -> None:
    if not is_moderator(user):
        raise PermissionDenied(_("Only moderators can verify ASN accounts."))
    check_second_factor(user=user)


def check_can_decide_asn_request(*, user, profile: AsnProfile) -> None:
    """A second person decides: a moderator never approves or rejects their own request
    (issue 15, finding 6)."""
    check_can_verify_asn(user=user)
    if profile.user_id == user.pk:
        raise PermissionDenied(
            _("Another moderator must decide on your own verification request.")
        )


def check_can_manage_units(*, user) -> None:
    if not (user.is_authenticated and user.is_active and user.has_perm("accounts.change_unit")):
        raise PermissionDenied(_("Only moderators can edit units."))
    check_second_factor(user=user)


def check_can_answer_officially(*, user, unit: Unit) -> None:
    """Official answers (Jawaban Resmi) for a unit: its verified ASN, or a moderator."""
    if is_moderator(user) or is_verified_asn(user, unit=unit):
        return
    raise PermissionDenied(
        _("Only a verified ASN of this unit or a moderator can answer officially.")
    )


def check_can_edit_publications(*, user) -> None:
    if not (user.is_authenticated and user.is_active) or not (
        user.is_superuser or user.groups.filter(name=roles.COMMUNICATIONS).exists()
    ):
        raise PermissionDenied(_("Only the communications team can edit publications."))
    check_second_factor(user=user)



def check_can_handle_personal_data_request(*, user) -> None:
    """Moderators answer personal-data requests (they already see NIPs and emails)."""
    if not is_moderator(user):
        raise PermissionDenied(_("Only moderators can handle personal data requests."))
    check_second_factor(user=user)
