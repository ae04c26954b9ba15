"""The accounts' kinds of email in the site's one outbox (forum_site/core/outbox.py),
registered in `AccountsConfig.ready()`: the ASN verification decision, the link that
confirms an applicant's official mailbox, and the notice to moderators that a request
waits. Each builder reads the profile when the email is sent (no NIP in any of them)."""

from __future__ import annotations

from django.conf import settings

from forum_site.core import outbox

from .models import AsnProfile

DECISION = "asn_decision"
OFFICIAL_EMAIL_CONFIRMATION = "asn_official_email_confirmation"
REQUEST_RECEIVED = "asn_request_received"


def _profile(row) -> AsnProfile | None:
    return AsnProfile.objects.select_related("user", "unit").filter(pk=row.object_id).first()


def build_decision(row) -> outbox.Envelope | None:
    """Approved, refused or withdrawn: to the account, in its language."""
    profile = _profile(row)
    if profile is None or not profile.user.email:
        return None
    return outbox.Envelope(
        to=[profile.user.email], template="accounts/email/asn_decision",
        context={"profile": profile, "user": profile.user},
        language=profile.user.preferred_language)


def build_official_email_confirmation(row) -> outbox.Envelope | None:
    """The link that proves the applicant reads the official mailbox they named: to that
    address (not the account's), in the applicant's language; none once confirmed."""
    from .services import asn_official_email_token

    profile = _profile(row)
    if profile is None or profile.status != AsnProfile.Status.AWAITING_EMAIL:
        return None
    return outbox.Envelope(
        to=[profile.official_email], template="accounts/email/asn_confirm",
        context={"profile": profile, "user": profile.user,
                 "token": asn_official_email_token(profile),
                 "days": settings.SERAMBI_ASN_EMAIL_CONFIRM_DAYS},
        language=profile.user.preferred_language)


def build_request_received(row) -> outbox.Envelope | None:
    """Moderators hear that a verification request waits, in the office language."""
    from .selectors import moderator_emails

    profile = _profile(row)
    recipients = moderator_emails()
    if profile is None or not recipients:
        return None
    return outbox.Envelope(to=recipients, template="accounts/email/asn_request",
                           context={"profile": profile}, language=settings.LANGUAGE_CODE)


def register() -> None:
    outbox.register_kind(DECISION, build_decision)
    outbox.register_kind(OFFICIAL_EMAIL_CONFIRMATION, build_official_email_confirmation)
    outbox.register_kind(REQUEST_RECEIVED, build_request_received)
