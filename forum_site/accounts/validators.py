"""NIP (Nomor Induk Pegawai) validation.

A NIP has 18 digits: date of birth YYYYMMDD (8), appointment as civil servant YYYYMM (6),
sex 1 = male or 2 = female (1), and a sequence number (3). We check the shape and that the
dates are real and plausible; the NIP itself is private and never published.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NIP_LENGTH = 18
MIN_APPOINTMENT_AGE = 17
OLDEST_BIRTH_YEAR = 1940
_DIGITS = re.compile(r"[0-9]+")  # not \d: it also matches full-width and Arabic-Indic digits


def normalise_nip(value: str) -> str:
    """Drop the spaces and dots people type between NIP groups."""
    return re.sub(r"[\s.\-]", "", value or "")


def validate_nip(value: str) -> None:
    nip = normalise_nip(value)
    if not _DIGITS.fullmatch(nip or "x"):
        raise ValidationError(_("A NIP contains digits only."), code="nip_not_digits")
    if len(nip) != NIP_LENGTH:
        raise ValidationError(
            _("A NIP has exactly 18 digits; this one has %(count)d."),
            code="nip_length",
            params={"count": len(nip)},
        )
    try:
        birth = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            _("The first 8 digits of a NIP are a date of birth (YYYYMMDD); "
              "this date does not exist."),
            code="nip_birth_date",
        ) from None
    today = timezone.localdate()
    if birth.year < OLDEST_BIRTH_YEAR or birth > today:
        raise ValidationError(
            _("The date of birth in this NIP is not plausible."), code="nip_birth_range"
        )
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        raise ValidationError(
            _("Digits 9–14 of a NIP are the appointment year and month (YYYYMM); "
              "the month is invalid."),
            code="nip_appointment_month",
        )
    if (year, month) > (today.year, today.month):
        raise ValidationError(
            _("The appointment date in this NIP is in the future."), code="nip_appointment_future"
        )
    if year < birth.year + MIN_APPOINTMENT_AGE:
        raise ValidationError(
            _("The appointment date in this NIP is too close to the date of birth."),
            code="nip_appointment_age",
        )
    if nip[14] not in "12":
        raise ValidationError(
            _("Digit 15 of a NIP is the sex code and must be 1 or 2."), code="nip_sex"
        )
    if nip[15:18] == "000":
        raise ValidationError(
            _("The last 3 digits of a NIP are a sequence number starting at 001."),
            code="nip_sequence",
        )


def official_email_domain_allowed(email: str, domains: list[str]) -> bool:
    """The address is at one of `domains` or a subdomain of one (bkpsdm.mamujukab.go.id
    is at mamujukab.go.id; evilmamujukab.go.id is not)."""
    domain = (email or "").rpartition("@")[2].strip().lower().rstrip(".")
    return any(domain == allowed or domain.endswith("." + allowed)
               for allowed in (d.strip().lower().lstrip("@.") for d in domains) if allowed)


def validate_official_email(email: str, domains: list[str]) -> None:
    if not official_email_domain_allowed(email, domains):
        raise ValidationError(
            _("Use your official work address: it must end in %(domains)s."),
            code="official_email_domain",
            params={"domains": ", ".join(f"@{d}" for d in domains)},
        )
