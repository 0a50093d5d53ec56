"""Coordinators run outreach: the directory, managers, the training log and the dashboard.
Trainers log the in-person sessions they deliver.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATORS = "Coordinators"
TRAINERS = "Trainers"

PERMISSIONS = {
    COORDINATORS: [
        ("organisation", ["add", "change", "delete", "view"]),
        ("organisationmanager", ["add", "change", "delete", "view"]),
        ("inpersonsession", ["add", "change", "delete", "view"]),
    ],
    TRAINERS: [
        ("organisation", ["view"]),
        ("inpersonsession", ["add", "change", "view"]),
    ],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; this migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group_name, grants in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        codenames = [f"{action}_{model}" for model, actions in grants for action in actions]
        if group_name == COORDINATORS:
            codenames.append("view_coverage")
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="outreach", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    for group in apps.get_model("auth.Group").objects.filter(name__in=PERMISSIONS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="outreach"))


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0001_initial"),
        ("accounts", "0003_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
