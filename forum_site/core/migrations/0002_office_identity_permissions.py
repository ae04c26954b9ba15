"""Tim Komunikasi edits the office's identity (Wagtail: Settings → Office identity);
moderators may view it."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from forum_site.accounts import roles

GRANTS = {roles.COMMUNICATIONS: ("change", "view"), roles.MODERATOR: ("view",)}


def grant(apps, schema_editor):
    create_permissions(global_apps.get_app_config("core"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, actions in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=role)
        for action in actions:
            group.permissions.add(Permission.objects.get(
                content_type__app_label="core", codename=f"{action}_officeidentity"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="core",
        codename__in=["change_officeidentity", "view_officeidentity"])
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_office_identity"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
