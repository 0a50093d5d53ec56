"""The upgrade that moved certificate validity from courses to jurisdictions keeps every existing
course's validity, in its live page and in its saved revisions."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.models import Revision

from certificates.services import issuing
from courses.models import CoursePage, Jurisdiction

from .conftest import make_course

# serialized_rollback: the migrations run back and forth here, and the next test starts again from
# the migrations' data (page tree, groups, roles).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = ("courses", "0003_jurisdictions_and_sources")


def _migrate(*targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(list(targets))
    return executor.loader.project_state(list(targets)).apps


def _latest():
    """Every app's last migration: going back in courses also unapplies the later migrations
    of the apps that depend on it (outreach's training log), which must come back too."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_existing_courses_keep_their_validity_through_the_upgrade(course_index, hotel_group,
                                                                  learner):
    yearly = make_course(course_index, hotel_group, slug="yearly", lessons=1)
    default = make_course(course_index, hotel_group, slug="default", lessons=1)
    draft = yearly.save_revision()  # a draft saved before the upgrade, published after it
    latest = _latest()
    try:
        old_apps = _migrate(BEFORE)
        OldCoursePage = old_apps.get_model("courses", "CoursePage")
        OldCoursePage.objects.filter(pk=yearly.pk).update(validity_months=12, jurisdiction=None)
        OldCoursePage.objects.filter(pk=default.pk).update(validity_months=24, jurisdiction=None)
        old_apps.get_model("courses", "Jurisdiction").objects.all().delete()
        Revision.objects.filter(pk=draft.pk).update(
            content={**draft.content, "validity_months": 18})
    finally:
        _migrate(*latest)

    yearly, default = CoursePage.objects.get(pk=yearly.pk), CoursePage.objects.get(pk=default.pk)
    assert (yearly.jurisdiction.validity_months, default.jurisdiction.validity_months) == (12, 24)
    assert yearly.jurisdiction.name == "Certificate valid 12 months"
    assert sorted(Jurisdiction.objects.values_list("validity_months", flat=True)) == [12, 18, 24]

    passed_at = timezone.make_aware(datetime.datetime(2026, 3, 12, 15, 30))
    certificate = issuing.issue_certificate(user=learner, course=yearly, score_percent=90,
                                            passed_at=passed_at)
    assert certificate.expires_on == datetime.date(2027, 3, 12)

    # The draft kept its own validity, and publishing it now still finds a jurisdiction.
    Revision.objects.get(pk=draft.pk).publish()
    assert CoursePage.objects.get(pk=yearly.pk).jurisdiction.validity_months == 18
