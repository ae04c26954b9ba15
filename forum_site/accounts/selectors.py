"""Reads shared by views, admin and other apps."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from . import roles
from .models import AsnProfile, PersonalDataRequest, Unit


def unit_list_active() -> QuerySet[Unit]:
    return Unit.objects.filter(is_active=True).order_by("name")


def unit_list_all() -> QuerySet[Unit]:
    """Every unit, active or not (a unit's public record outlives its activity)."""
    return Unit.objects.all()


def units_with_pks(pks) -> QuerySet[Unit]:
    """The units with these primary keys, active or not (a past record still names them)."""
    return Unit.objects.filter(pk__in=list(pks))


def units_by_pk(pks) -> dict[int, Unit]:
    """{pk: unit} for these primary keys, active or not, in one query."""
    return Unit.objects.in_bulk(list(pks))


def asn_profile_for_user(*, user) -> AsnProfile | None:
    if not user.is_authenticated:
        return None
    return AsnProfile.objects.select_related("unit", "decided_by").filter(user=user).first()


def asn_verification_queue(
    *, status: str | None = AsnProfile.Status.PENDING
) -> QuerySet[AsnProfile]:
    """Verification requests for moderators, oldest first."""
    others = AsnProfile.objects.filter(nip=OuterRef("nip")).exclude(pk=OuterRef("pk")).filter(
        status__in=NIP_CLAIMING_STATUSES)
    qs = AsnProfile.objects.select_related("user", "unit", "decided_by").annotate(
        nip_conflict=Exists(others))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("requested_at")


NIP_CLAIMING_STATUSES = (AsnProfile.Status.AWAITING_EMAIL, AsnProfile.Status.PENDING,
                         AsnProfile.Status.VERIFIED)


def asn_nip_conflicts(*, profile: AsnProfile) -> list[AsnProfile]:
    """Other accounts that name the same NIP (waiting, pending or verified): shown to the
    moderator who decides, never to the applicant."""
    return list(
        AsnProfile.objects.select_related("user", "unit")
        .filter(nip=profile.nip, status__in=NIP_CLAIMING_STATUSES)
        .exclude(pk=profile.pk).order_by("requested_at")
    )


def moderator_emails() -> list[str]:
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(groups__name=roles.MODERATOR) | Q(is_superuser=True))
        .values_list("email", flat=True)
        .distinct()
    )


def personal_data_requests_for_user(*, user) -> QuerySet[PersonalDataRequest]:
    return PersonalDataRequest.objects.filter(user=user).order_by("-created_at", "-pk")


def personal_data_request_queue(*, status: str | None = PersonalDataRequest.Status.OPEN):
    """Requests for moderators, the nearest deadline first."""
    qs = PersonalDataRequest.objects.select_related("user", "handled_by")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("due_at", "pk")
