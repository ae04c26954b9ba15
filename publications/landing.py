"""The editorial dashboard as a sign-in landing and a work link (see
forum_site/accounts/landing.py): for whoever may use the Wagtail admin (Tim Komunikasi;
moderators land on their queue first, and find the dashboard linked for page reviews)."""

from django.urls import reverse


def editor_landing(user) -> str | None:
    # has_perm reads the permission cache the header already filled: no extra query.
    if user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        return reverse("wagtailadmin_home")
    return None
