from django.conf import settings

from .office import current_office


def site(request):
    """Values every public template needs (the office's identity, language labels)."""
    office = current_office()
    return {
        "office": office,
        "office_name": office.display_name,
        "contact_email": office.email,
        "contact_address": office.address,
        "language_labels": settings.LANGUAGE_SWITCH_LABELS,
        # The privacy notice names them; production prefixes them with __Host-.
        "cookie_names": {
            "session": settings.SESSION_COOKIE_NAME,
            "csrf": settings.CSRF_COOKIE_NAME,
            "language": settings.LANGUAGE_COOKIE_NAME,
        },
    }
