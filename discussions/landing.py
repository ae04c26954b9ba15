"""Sign-in landing pages of the forum's staff (see forum_site/accounts/landing.py)."""

from django.urls import reverse

from forum_site.accounts.permissions import is_moderator, verified_asn_profile


def moderation_landing(user) -> str | None:
    return reverse("discussions_admin:moderation_queue") if is_moderator(user) else None


def unit_queue_landing(user) -> str | None:
    return reverse("discussions:unit_queue") if verified_asn_profile(user) else None
