"""Redflag's roles as Django groups with Wagtail permissions.

Trainers write and revise content and submit it for review; Reviewers also publish and are the
approvers in Wagtail's moderation workflow; Coordinators see reports and edit no content.
Learners are everyone else and have no admin access.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRAINERS = "Trainers"
REVIEWERS = "Reviewers"
COORDINATORS = "Coordinators"

CONTENT_MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("courses", "stakeholdergroup", "add_stakeholdergroup"),
    ("courses", "stakeholdergroup", "change_stakeholdergroup"),
    ("courses", "stakeholdergroup", "view_stakeholdergroup"),
]
PAGE_PERMISSIONS = {
    TRAINERS: ["add_page", "change_page", "lock_page"],
    REVIEWERS: ["add_page", "change_page", "lock_page", "publish_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
]


def _ensure_permissions(apps):
    # Permissions are normally created after all migrations; this migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    for name in (TRAINERS, REVIEWERS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[permission(app, code) for app, _model, code in CONTENT_MODEL_PERMISSIONS])
        if root_page:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission("wagtailcore", codename)
                )
        if root_collection:
            for app_label, _model, codenames in COLLECTION_PERMISSIONS:
                for codename in codenames:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission(app_label, codename)
                    )

    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    coordinators.permissions.add(permission("wagtailadmin", "access_admin"))

    # Reviewers approve what trainers submit in Wagtail's default moderation workflow.
    reviewers = Group.objects.get(name=REVIEWERS)
    for task in GroupApprovalTask.objects.all():
        task.groups.add(reviewers)


def remove_roles(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=[TRAINERS, REVIEWERS, COORDINATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("courses", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
