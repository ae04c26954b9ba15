"""Tim Komunikasi may use Wagtail's "Translate" action (wagtail.contrib.simple_translation):
it creates the English version of an Indonesian page as a draft, for the editor to
translate and send for review (issue 18). Moderators review; they do not translate."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from forum_site.accounts import roles


def grant(apps, schema_editor):
    create_permissions(global_apps.get_app_config("simple_translation"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=roles.COMMUNICATIONS)
    group.permissions.add(Permission.objects.get(
        content_type__app_label="simple_translation", codename="submit_translation"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=roles.COMMUNICATIONS):
        group.permissions.remove(*Permission.objects.filter(
            content_type__app_label="simple_translation", codename="submit_translation"))


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0005_outcome_program_links"),
        ("simple_translation", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
