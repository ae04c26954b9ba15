"""The two roles of the public-information path, as groups a superuser gives: PPID
(records written decisions) and Atasan PPID (answers objections)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# forum_site.accounts.roles.PPID_ROLE_PERMISSIONS (frozen here)
ROLES = {
    "PPID": "decide_informationrequest",
    "Atasan PPID": "answer_objection",
}


def create_roles(apps, schema_editor):
    app_config = apps.get_app_config("discussions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codename in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            Permission.objects.get(content_type__app_label="discussions", codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("discussions", "0013_information_request_path"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
