"""Tim Komunikasi lands on the Wagtail dashboard after signing in (see
forum_site/accounts/landing.py)."""

from django.urls import reverse

from forum_site.accounts import roles


def editor_landing(user) -> str | None:
    if user.is_authenticated and user.groups.filter(name=roles.COMMUNICATIONS).exists():
        return reverse("wagtailadmin_home")
    return None
