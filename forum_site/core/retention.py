"""How long personal data is kept (docs/personal-data.md, "Retention").

IP addresses are kept at most ``SERAMBI_IP_RETENTION_DAYS`` (30) days. Each app that
stores an IP registers the column in its ``AppConfig.ready()`` (core/plugins.py)::

    retention.register_ip_field("django_comments.Comment", field="ip_address",
                                date_field="submit_date")

and ``manage.py purge_personal_data`` (daily cron) blanks every registered IP older than
the limit. Today no Serambi table stores an IP: rate-limit counters hold a keyed hash of
the address and expire with their window (forum_site/core/ratelimit.py), logs mask IPs
(forum_site/core/logging.py). The comments app (django-comments-xtd) stores the poster's
IP on each comment; discussions registers it (DiscussionsConfig.ready()).
Expired sessions are removed by Django's ``manage.py clearsessions`` (same cron).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .plugins import Registry


@dataclass(frozen=True)
class IpField:
    model: str  # "app_label.ModelName"
    field: str
    date_field: str


IP_FIELDS: Registry[IpField] = Registry("personal data: IP retention",
                                        owner="forum_site/core/retention.py")


def register_ip_field(model: str, *, field: str, date_field: str) -> None:
    IP_FIELDS.add(f"{model}.{field}", IpField(model, field, date_field))


def purge_ip_addresses(*, now: dt.datetime | None = None, days: int | None = None
                       ) -> dict[str, int]:
    """Blank every registered IP column older than the retention period. Returns the
    number of rows changed per model; models whose app is not installed are skipped."""
    days = settings.SERAMBI_IP_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    changed: dict[str, int] = {}
    for entry in IP_FIELDS:
        try:
            model = apps.get_model(entry.model)
        except LookupError:
            continue
        field = model._meta.get_field(entry.field)
        empty = None if field.null else ""
        rows = model._default_manager.filter(**{f"{entry.date_field}__lt": cutoff}).exclude(
            **{entry.field: empty}
        )
        if field.null:
            rows = rows.exclude(**{f"{entry.field}__isnull": True})
        with transaction.atomic():
            changed[entry.model] = rows.update(**{entry.field: empty})
    return changed
