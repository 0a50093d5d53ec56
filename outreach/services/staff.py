"""An organisation's people and where each stands: current, expiring, expired, not started."""

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
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import EXPIRY_WARNING_DAYS, Certificate

from ..models import Organisation, learner_profiles

# A person's status turns from "current" to "expiring" this far ahead of expiry: the expiry window
# reminders and My training use too.
EXPIRING_DAYS = EXPIRY_WARNING_DAYS


class Status:
    CURRENT = "current"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    NOT_STARTED = "not_started"

    LABELS = {
        CURRENT: _("Current"),
        EXPIRING: _("Expiring"),
        EXPIRED: _("Expired"),
        NOT_STARTED: _("Not started"),
    }
    ORDER = [NOT_STARTED, EXPIRED, EXPIRING, CURRENT]


def _status_case(today: datetime.date):
    return Case(
        When(latest_expiry__isnull=True, then=Value(Status.NOT_STARTED)),
        When(latest_expiry__lt=today, then=Value(Status.EXPIRED)),
        When(latest_expiry__lte=today + datetime.timedelta(days=EXPIRING_DAYS),
             then=Value(Status.EXPIRING)),
        default=Value(Status.CURRENT),
    )


def organisation_people(organisation: Organisation, *, today: datetime.date | None = None,
                        status: str = ""):
    """The organisation's people, one row each, with their training status. One query.

    People: learners whose profile belongs to the organisation (its staff), and learners holding a
    certificate issued there. A staff member's status counts all their certificates (training
    done for a previous employer still counts); a former employee's only those issued here.
    """
    today = today or timezone.localdate()
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
        .annotate(status=_status_case(today))
        .order_by(Lower(Coalesce("learner_profile__certificate_name", "email")), "pk")
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def status_counts(organisation: Organisation, *, today: datetime.date | None = None) -> dict:
    """How many of the organisation's people are in each status. One query."""
    rows = (
        organisation_people(organisation, today=today).order_by()
        .values("status").annotate(n=Count("pk", distinct=True))
    )
    counts = {key: 0 for key in Status.ORDER}
    for row in rows:
        counts[row["status"]] = row["n"]
    return counts


def person_rows(people) -> list[dict]:
    """Plain rows for tables and exports, from organisation_people()."""
    return [
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
        }
        for person in people
    ]
