"""Trainers, Reviewers and Coordinators see the quiz results reports (Reports › Quiz results)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Trainers", "Reviewers", "Coordinators"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; this one needs its own now.
    app_config = apps.get_app_config("quizzes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permission = Permission.objects.get(content_type__app_label="quizzes", codename="view_quiz_reports")
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Permission.objects.filter(content_type__app_label="quizzes", codename="view_quiz_reports").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0001_initial"),
        ("accounts", "0003_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
