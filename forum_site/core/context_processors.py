from django.conf import settings


def site(request):
    """Values every public template needs (office name, contact, language labels)."""
    return {
        "office_name": settings.SERAMBI_OFFICE_NAME,
        "contact_email": settings.SERAMBI_CONTACT_EMAIL,
        "contact_address": settings.SERAMBI_CONTACT_ADDRESS,
        "language_labels": settings.LANGUAGE_SWITCH_LABELS,
        # The privacy notice names them; production prefixes them with __Host-.
        "cookie_names": {
            "session": settings.SESSION_COOKIE_NAME,
            "csrf": settings.CSRF_COOKIE_NAME,
            "language": settings.LANGUAGE_COOKIE_NAME,
        },
    }
