"""The office's identity as every reader needs it: `current_office()`.

The `OfficeIdentity` setting (forum_site/core/models.py) is read once and kept in the
site's cache, so a page, an email or a PDF costs no query for it; saving the setting (or
changing an image) drops that copy and empties the page cache once the change commits.
Until the setting is first saved, before its table exists (a fresh database being
migrated) or when the database cannot be read, the deployment's settings stand in
(SERAMBI_OFFICE_NAME, …), the same values the setting's fields default to."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.templatetags.static import static
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

CACHE_KEY = "core:office:v1"
DEFAULT_LOGO = "img/logo.svg"
DEFAULT_LOGO_SIZE = (48, 48)
LOGO_FILTER = "height-96"  # twice the header's 48 px, for sharp screens


@dataclass(frozen=True)
class Office:
    name: str
    name_en: str = ""
    parent_agency: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    service_hours: str = ""
    logo_path: str = ""  # a rendition's URL; "" = the plain mark shipped in static files
    logo_width: int = DEFAULT_LOGO_SIZE[0]
    logo_height: int = DEFAULT_LOGO_SIZE[1]

    @property
    def display_name(self) -> str:
        """The name in the active language (English falls back to the official name)."""
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name

    def __str__(self) -> str:
        return self.display_name

    @property
    def logo_url(self) -> str:
        # The static mark's hashed name is resolved at each call, never cached: the cache
        # outlives a deployment, the hashed name does not.
        return self.logo_path or static(DEFAULT_LOGO)

    @property
    def phone_href(self) -> str:
        return "tel:" + "".join(c for c in self.phone if c.isdigit() or c == "+")

    def structured_data(self, *, absolute) -> dict:
        """schema.org GovernmentOrganization; `absolute(path)` makes a URL absolute."""
        logo = self.logo_url
        data = {"@type": "GovernmentOrganization", "name": self.name,
                "logo": logo if logo.startswith(("https://", "http://")) else absolute(logo)}
        if self.name_en:
            data["alternateName"] = self.name_en
        if self.address:
            data["address"] = self.address
        if self.email:
            data["email"] = self.email
        if self.phone:
            data["telephone"] = self.phone
        if self.parent_agency:
            data["parentOrganization"] = {"@type": "GovernmentOrganization",
                                          "name": self.parent_agency}
        return data


def from_settings() -> Office:
    return Office(name=settings.SERAMBI_OFFICE_NAME, address=settings.SERAMBI_CONTACT_ADDRESS,
                  email=settings.SERAMBI_CONTACT_EMAIL)


def current_office() -> Office:
    office = cache.get(CACHE_KEY)
    if isinstance(office, Office):
        return office
    try:
        office = _load()
    except DatabaseError:
        logger.warning("office identity unreadable; using the settings", exc_info=True)
        return from_settings()
    cache.set(CACHE_KEY, office, None)
    return office


def _load() -> Office:
    from .models import OfficeIdentity

    with transaction.atomic():  # a failed read must not break the caller's transaction
        row = OfficeIdentity.objects.select_related("logo").first()
    if row is None:
        # Nobody has opened the setting yet: its defaults, without writing a row on a
        # read (Wagtail's edit view creates it, and the save empties this cache).
        return from_settings()
    logo_path, (width, height) = "", DEFAULT_LOGO_SIZE
    if row.logo is not None:
        try:
            rendition = row.logo.get_rendition(LOGO_FILTER)
            logo_path = rendition.url
            width, height = rendition.width // 2, rendition.height // 2
        except Exception:  # a missing or broken file: the plain mark, logged
            logger.warning("office logo %s has no rendition", row.logo_id, exc_info=True)
    return Office(name=row.name, name_en=row.name_en, parent_agency=row.parent_agency,
                  address=row.address, email=row.email, phone=row.phone,
                  service_hours=row.service_hours, logo_path=logo_path,
                  logo_width=width, logo_height=height)


def forget() -> None:
    """Drop the cached copy once the current transaction commits."""
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def _changed(*args, **kwargs) -> None:
    forget()


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.images import get_image_model

    from . import page_cache
    from .models import OfficeIdentity

    for model in (OfficeIdentity, get_image_model()):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, weak=False,
                           dispatch_uid=f"office:{model._meta.label}:{id(signal)}")
    page_cache.invalidate_on(OfficeIdentity)
