"""An organisation's people and where each stands: current, expiring, expired, in progress, not
started.

Each course the organisation's stakeholder group must take (the live courses written for that
group) is judged on its own, and a person's status is the worst of them: a hotel's housekeeper
whose hotel certificate was revoked is not "current" because she also holds a utility one. An
organisation whose group has no live course falls back to any course.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import EXPIRY_WARNING_DAYS, Certificate
from courses import locales
from courses.models import CoursePage, LessonCompletion
from quizzes.models import Attempt

from ..models import Organisation, learner_profiles

# A person's status turns from "current" to "expiring" this far ahead of expiry: the expiry window
# reminders and My training use too.
EXPIRING_DAYS = EXPIRY_WARNING_DAYS


class Status:
    CURRENT = "current"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"

    LABELS = {
        CURRENT: _("Current"),
        EXPIRING: _("Expiring"),
        EXPIRED: _("Expired"),
        IN_PROGRESS: _("In progress"),
        NOT_STARTED: _("Not started"),
    }
    # Worst first: a person's status is the worst of their courses'.
    ORDER = [NOT_STARTED, IN_PROGRESS, EXPIRED, EXPIRING, CURRENT]


def required_courses(organisation: Organisation) -> list:
    """The live courses written for the organisation's group, each judged on its own; [None]
    (any course) when the group has none. One query."""
    # Each course once: its translations count as the course (courses.locales).
    courses = list(locales.in_default_locale(CoursePage.objects.live())
                   .filter(audience=organisation.group_id)
                   .order_by("title").only("pk", "title", "path"))
    return courses or [None]


def _course_rank(prefix: str, today: datetime.date):
    """The place in Status.ORDER of one course's status, from its annotations."""
    rank = {key: Value(number) for number, key in enumerate(Status.ORDER)}
    return Case(
        When(Q(**{f"{prefix}_expiry__isnull": True, f"{prefix}_started": True}),
             then=rank[Status.IN_PROGRESS]),
        When(Q(**{f"{prefix}_expiry__isnull": True}), then=rank[Status.NOT_STARTED]),
        When(Q(**{f"{prefix}_expiry__lt": today}), then=rank[Status.EXPIRED]),
        When(Q(**{f"{prefix}_expiry__lte": today + datetime.timedelta(days=EXPIRING_DAYS)}),
             then=rank[Status.EXPIRING]),
        default=rank[Status.CURRENT],
    )


def _status_of_rank():
    return Case(*[When(status_rank=number, then=Value(key))
                  for number, key in enumerate(Status.ORDER)])


def _started(course):
    """Exists() for a person who opened a lesson of the course or started its quiz."""
    lessons = LessonCompletion.objects.filter(user=OuterRef("pk"))
    attempts = Attempt.objects.filter(user=OuterRef("pk"))
    if course is not None:
        lessons = lessons.filter(lesson__path__startswith=course.path)
        attempts = attempts.filter(course=course.pk)
    return Exists(lessons) | Exists(attempts)


def organisation_people(organisation: Organisation, *, today: datetime.date | None = None,
                        status: str = "", courses: list | None = None):
    """The organisation's people, one row each, with their training status: one query, plus
    one for `courses` (required_courses()) when not given.

    People: learners whose profile belongs to the organisation (its staff), and learners holding a
    certificate issued there. A staff member's status counts all their certificates (training
    done for a previous employer still counts); a former employee's only those issued here.
    Per required course i, `course_<i>_expiry`, `course_<i>_certificate_id`,
    `course_<i>_started` and `course_<i>_rank` (its status's place in Status.ORDER);
    `latest_*` describe the latest certificate of any course (the roster).
    """
    today = today or timezone.localdate()
    courses = required_courses(organisation) if courses is None else courses
    User = get_user_model()
    counted = Certificate.objects.not_revoked().filter(user=OuterRef("pk")).filter(
        Q(organisation=organisation) | Q(user__learner_profile__organisation=organisation)
    )
    latest = counted.order_by("-expires_on", "-passed_at", "-pk")

    # A UNION of two indexed look-ups: "profile here OR a certificate here" written as one
    # condition makes the database test every account.
    members = (
        learner_profiles().filter(organisation=organisation).order_by().values("user_id")
        .union(Certificate.objects.filter(organisation=organisation).order_by().values("user_id"))
    )
    queryset = (
        User.objects.filter(pk__in=members)
        .annotate(
            is_staff_member=Exists(
                User.objects.filter(pk=OuterRef("pk"), learner_profile__organisation=organisation)
            ),
            profile_name=F("learner_profile__certificate_name"),
            profile_job_role=F("learner_profile__job_role"),
            latest_expiry=Subquery(latest.values("expires_on")[:1]),
            latest_certificate_id=Subquery(latest.values("pk")[:1]),
            latest_course=Subquery(latest.values("course_title")[:1]),
            latest_issued_on=Subquery(latest.values("issued_on")[:1]),
            latest_code=Subquery(latest.values("code")[:1]),
            latest_learner_name=Subquery(latest.values("learner_name")[:1]),
            latest_job_role=Subquery(latest.values("job_role")[:1]),
            certificate_count=Subquery(
                counted.order_by().values("user").annotate(n=Count("pk")).values("n")
            ),
        )
        .annotate(**_per_course(counted, courses))
    )
    queryset = queryset.annotate(**{
        f"course_{number}_rank": _course_rank(f"course_{number}", today)
        for number in range(len(courses))})
    ranks = [F(f"course_{number}_rank") for number in range(len(courses))]
    queryset = (
        queryset.annotate(status_rank=Least(*ranks) if len(ranks) > 1 else ranks[0])
        .annotate(status=_status_of_rank())
        .order_by(Lower(Coalesce("learner_profile__certificate_name", "email")), "pk")
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def _per_course(counted, courses) -> dict:
    annotations = {}
    for number, course in enumerate(courses):
        of_course = counted if course is None else counted.filter(course=course.pk)
        latest = of_course.order_by("-expires_on", "-passed_at", "-pk")
        annotations.update({
            f"course_{number}_expiry": Subquery(latest.values("expires_on")[:1]),
            f"course_{number}_certificate_id": Subquery(latest.values("pk")[:1]),
            f"course_{number}_started": _started(course),
        })
    return annotations


def status_counts(organisation: Organisation, *, today: datetime.date | None = None,
                  courses: list | None = None) -> dict:
    """How many of the organisation's people are in each status. One query (two without
    `courses`)."""
    rows = (
        organisation_people(organisation, today=today, courses=courses).order_by()
        .values("status").annotate(n=Count("pk", distinct=True))
    )
    counts = {key: 0 for key in Status.ORDER}
    for row in rows:
        counts[row["status"]] = row["n"]
    return counts


def person_rows(people, courses=()) -> list[dict]:
    """Plain rows for tables and exports, from organisation_people(); with the required
    `courses` it was given, a `courses` list of each one's status for the person."""
    rows = [
        {
            "name": person.profile_name or person.latest_learner_name or person.get_full_name()
            or person.email,
            "email": person.email,
            "job_role": person.profile_job_role or person.latest_job_role or "",
            "status": person.status,
            "status_label": Status.LABELS[person.status],
            "is_staff_member": person.is_staff_member,
            "course": person.latest_course or "",
            "issued_on": person.latest_issued_on,
            "expires_on": person.latest_expiry,
            "certificate_id": person.latest_certificate_id,
            "code": person.latest_code or "",
            "courses": [_course_cell(person, number, course)
                        for number, course in enumerate(courses)],
        }
        for person in people
    ]
    return rows


def _course_cell(person, number: int, course) -> dict:
    status = Status.ORDER[getattr(person, f"course_{number}_rank")]
    return {
        "title": course.title if course is not None else "",
        "status": status,
        "status_label": Status.LABELS[status],
        "expires_on": getattr(person, f"course_{number}_expiry"),
        "certificate_id": getattr(person, f"course_{number}_certificate_id"),
    }
