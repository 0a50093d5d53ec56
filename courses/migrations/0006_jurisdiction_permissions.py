"""Who keeps the jurisdictions (Admin → Jurisdictions).

A jurisdiction's validity sets the expiry of the next certificate at once, with no review step in
between, so only Reviewers, who publish, add and change them. Trainers see them and choose one
for a course; deleting one (only while no course follows it) is left to superusers, as for
stakeholder groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Trainers": ["view_jurisdiction"],
    "Reviewers": ["add_jurisdiction", "change_jurisdiction", "view_jurisdiction"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; this one needs its own now.
    app_config = apps.get_app_config("courses")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, codenames in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(
            content_type__app_label="courses", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*Permission.objects.filter(
            content_type__app_label="courses", codename__endswith="_jurisdiction"))


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_jurisdiction_required"),
        ("accounts", "0003_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
