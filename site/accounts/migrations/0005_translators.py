"""Trainers and reviewers translate courses (wagtail-localize's "Translate" action on a page).
Publishing a translation stays with reviewers: it is a page like any other, under the same page
permissions and moderation workflow."""

from django.db import migrations

ROLES = ["Trainers", "Reviewers"]


def allow_translating(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permission = Permission.objects.get(content_type__app_label="wagtail_localize",
                                        codename="submit_translation")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(permission)


def disallow_translating(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for permission in Permission.objects.filter(content_type__app_label="wagtail_localize",
                                                codename="submit_translation"):
        for group in Group.objects.filter(name__in=ROLES):
            group.permissions.remove(permission)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0004_learnerprofile_organisation"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(allow_translating, disallow_translating)]
