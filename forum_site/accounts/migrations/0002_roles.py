"""Create the four roles as groups with their permissions.

Wagtail's own migrations create "Moderators" and "Editors" groups with page permissions
on the root page and a "Moderators approval" workflow; we rename them to our roles so
the review workflow (Tim Komunikasi submits, Moderator approves) works from the start.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from forum_site.accounts import roles

RENAMES = {"Moderators": roles.MODERATOR, "Editors": roles.COMMUNICATIONS}


def create_roles(apps, schema_editor):
    # Model permissions are normally created after all migrations; make sure they exist.
    for label in ("accounts", "wagtailadmin", "wagtailimages", "wagtaildocs"):
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")

    for old, new in RENAMES.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    Task.objects.filter(name="Moderators approval").update(name="Persetujuan Moderator")
    Workflow.objects.filter(name="Moderators approval").update(name="Persetujuan Moderator")

    for role in roles.ALL_ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        for dotted in roles.ROLE_PERMISSIONS[role]:
            app_label, codename = dotted.split(".")
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            group.permissions.add(permission)


def drop_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[roles.CITIZEN, roles.ASN]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, drop_roles)]
