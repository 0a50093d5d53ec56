"""Each course names a jurisdiction, which now owns the certificate validity.

Existing sites keep their validity: one jurisdiction is made for each distinct validity their
courses have (live, or in any saved revision, so that publishing an old draft or a scheduled
revision later still finds one), named after it for a trainer to rename to the law it follows,
and each course and each of its revisions names the one that matches its own validity.
"""

from django.db import migrations

DEFAULT_VALIDITY_MONTHS = 24


def _name(months):
    return f"Certificate valid {months} months"


def _slug(months):
    return f"valid-{months}-months"


def assign_jurisdictions(apps, schema_editor):
    CoursePage = apps.get_model("courses", "CoursePage")
    Jurisdiction = apps.get_model("courses", "Jurisdiction")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")

    course_type = ContentType.objects.filter(app_label="courses", model="coursepage").first()
    revisions = list(Revision.objects.filter(content_type=course_type)) if course_type else []
    courses = list(CoursePage.objects.all())
    validities = {course.validity_months or DEFAULT_VALIDITY_MONTHS for course in courses}
    validities |= {
        revision.content.get("validity_months") or DEFAULT_VALIDITY_MONTHS
        for revision in revisions
        if isinstance(revision.content, dict)
    }
    jurisdictions = {}
    for months in sorted(validities):
        jurisdictions[months], _created = Jurisdiction.objects.get_or_create(
            slug=_slug(months), defaults={"name": _name(months), "validity_months": months}
        )
    for course in courses:
        course.jurisdiction = jurisdictions[course.validity_months or DEFAULT_VALIDITY_MONTHS]
        course.save(update_fields=["jurisdiction"])
    for revision in revisions:
        if not isinstance(revision.content, dict):
            continue
        months = revision.content.get("validity_months") or DEFAULT_VALIDITY_MONTHS
        revision.content["jurisdiction"] = jurisdictions[months].pk
        revision.save(update_fields=["content"])


def restore_validity(apps, schema_editor):
    CoursePage = apps.get_model("courses", "CoursePage")
    for course in CoursePage.objects.select_related("jurisdiction"):
        if course.jurisdiction_id:
            course.validity_months = course.jurisdiction.validity_months
            course.save(update_fields=["validity_months"])


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_jurisdictions_and_sources"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(assign_jurisdictions, restore_validity)]
