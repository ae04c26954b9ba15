"""Working days from opening to first response, official answer and resolution, stored on
each thread so the statistics page and the open data aggregate them in the database.

The services write them from now on (sla.thread_durations); this fills them for threads
that already exist, counting like the SLA clock (Monday–Friday minus the Holiday table;
the days after the opening day up to and including the milestone's day, in the site's
time zone). `manage.py thread_durations_backfill` recomputes them after a holiday fix.
"""

import datetime as dt

from django.db import migrations, models
from django.utils import timezone

STAMPS = {
    "first_response_at": "first_response_working_days",
    "answered_at": "answer_working_days",
    "resolved_at": "resolution_working_days",
}


def _elapsed(start, end, holidays):
    first, last = timezone.localdate(start), timezone.localdate(end)
    count, day = 0, first
    while day < last:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            count += 1
    return count


def backfill(apps, schema_editor):
    Thread = apps.get_model("discussions", "Thread")
    Holiday = apps.get_model("discussions", "Holiday")
    holidays = set(Holiday.objects.values_list("date", flat=True))
    batch = []
    for thread in Thread.objects.only("pk", "created_at", *STAMPS).iterator(chunk_size=2000):
        for stamp, field in STAMPS.items():
            at = getattr(thread, stamp)
            setattr(thread, field, _elapsed(thread.created_at, at, holidays) if at else None)
        batch.append(thread)
        if len(batch) >= 2000:
            Thread.objects.bulk_update(batch, list(STAMPS.values()))
            batch = []
    if batch:
        Thread.objects.bulk_update(batch, list(STAMPS.values()))


class Migration(migrations.Migration):

    dependencies = [
        ("discussions", "0007_comment_tree_unique_and_ledger_guard"),
    ]

    operations = [
        migrations.AddField(
            model_name="thread",
            name="first_response_working_days",
            field=models.PositiveIntegerField(
                blank=True, editable=False, null=True,
                verbose_name="working days to first response",
            ),
        ),
        migrations.AddField(
            model_name="thread",
            name="answer_working_days",
            field=models.PositiveIntegerField(
                blank=True, editable=False, null=True,
                verbose_name="working days to official answer",
            ),
        ),
        migrations.AddField(
            model_name="thread",
            name="resolution_working_days",
            field=models.PositiveIntegerField(
                blank=True, editable=False, null=True, verbose_name="working days to resolution"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
