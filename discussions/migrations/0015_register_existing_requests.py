"""Information requests opened before the legal path existed get their registration
number too, in the order they were received (same format and counter as
`services.ppid.information_request_register`; no timeline entry is back-dated)."""

import re

from django.db import migrations
from django.utils import timezone


def register_existing(apps, schema_editor):
    Thread = apps.get_model("discussions", "Thread")
    InformationRequest = apps.get_model("discussions", "InformationRequest")
    Counter = apps.get_model("discussions", "RequestNumberCounter")
    waiting = (Thread.objects.filter(kind="information_request", information_request__isnull=True)
               .select_related("unit", "author").order_by("created_at", "pk"))
    for thread in waiting.iterator():
        unit = thread.unit
        code = re.sub(r"[^A-Z0-9]", "", (unit.short_name or unit.slug or "").upper())[:20]
        code = code or "UNIT"
        year = timezone.localtime(thread.created_at).year
        counter, _created = Counter.objects.get_or_create(unit_code=code, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
        author = thread.author
        name = ""
        if author is not None:
            name = f"{author.first_name} {author.last_name}".strip() or author.display_name
        InformationRequest.objects.create(
            thread=thread, number=f"PPID/{code}/{year}/{counter.last:04d}", unit_code=code,
            year=year, sequence=counter.last, received_at=thread.created_at,
            requester_name=name[:200],
        )


class Migration(migrations.Migration):
    dependencies = [("discussions", "0014_ppid_roles")]

    operations = [migrations.RunPython(register_existing, migrations.RunPython.noop)]
