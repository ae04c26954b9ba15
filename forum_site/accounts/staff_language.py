"""The language Wagtail uses for one staff member: their admin preference when they chose
one, otherwise the language of their Serambi account.

Wagtail falls back to the *current* request's language for a user with no admin
preference (`UserProfile.get_preferred_language`). Its review and comment emails are
rendered per recipient inside the sender's request, so an English-speaking editor's
submission reached Indonesian moderators in English (issue 18). Serambi's own emails
already follow `User.preferred_language`; Wagtail's now do too."""

from django.conf import settings


def staff_language(profile) -> str:
    return (profile.preferred_language
            or getattr(profile.user, "preferred_language", "")
            or settings.LANGUAGE_CODE)


def install() -> None:
    from wagtail.users.models import UserProfile

    UserProfile.get_preferred_language = staff_language
