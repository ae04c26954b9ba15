"""Seed the holiday table with this year's and next year's Indonesian national holidays
and cuti bersama (from the `holidays` package; moderators correct them in the admin;
`manage.py holidays_sync --year N` adds later years), and let the Moderator role manage
forum categories and holidays in the Wagtail admin."""

import datetime as dt

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR = "Moderator"  # forum_site.accounts.roles.MODERATOR (frozen here)
PERMISSIONS = [
    f"{action}_{model}"
    for model in ("category", "holiday")
    for action in ("add", "change", "delete", "view")
]


def seed_holidays(apps, schema_editor):
    from discussions.holiday_source import indonesian_holidays

    Holiday = apps.get_model("discussions", "Holiday")
    year = dt.date.today().year
    for day, name, kind in indonesian_holidays([year, year + 1]):
        Holiday.objects.get_or_create(date=day, defaults={"name": name, "kind": kind})


def grant_permissions(apps, schema_editor):
    app_config = apps.get_app_config("discussions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=MODERATOR)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="discussions", codename__in=PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("discussions", "0002_append_only_guards"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(seed_holidays, migrations.RunPython.noop),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
