"""Let the roles work with the publication snippets.

Tim Komunikasi keeps the taxonomy, partners and the public-information register up to
date (no delete: a competency area or partner in use is referenced by published pages);
moderators may view them. Page permissions are granted on the publications tree by
publications.services.editorial_permissions_grant (the tree is content, not schema).
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from forum_site.accounts import roles

MODELS = ("competencyarea", "partnerinstitution", "publicinformationentry")
GRANTS = {
    roles.COMMUNICATIONS: ("add", "change", "view"),
    roles.MODERATOR: ("view",),
}


def grant(apps, schema_editor):
    create_permissions(global_apps.get_app_config("publications"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, actions in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=role)
        for model in MODELS:
            for action in actions:
                group.permissions.add(Permission.objects.get(
                    content_type__app_label="publications", codename=f"{action}_{model}"
                ))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="publications",
        codename__in=[f"{action}_{model}" for model in MODELS
                      for action in ("add", "change", "view")],
    )
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0002_publication_pages"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
