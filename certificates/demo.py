"""A demo certificate for the demo learner, so My training and the registry are not empty."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses import locales
from courses.models import CoursePage

from .models import Certificate
from .services.issuing import issue_certificate

DEMO_LEARNER = "learner@example.org"


def seed_demo_certificate():
    """Issue one certificate through the real service, once; returns it or None."""
    user = get_user_model().objects.filter(email=DEMO_LEARNER).first()
    if user is None or Certificate.objects.filter(user=user).exists():
        return None
    profile = getattr(user, "learner_profile", None)
    courses = locales.in_default_locale(CoursePage.objects.live()).order_by("path")
    course = None
    if profile:
        course = courses.filter(audience=profile.group_id).first()
    course = course or courses.first()
    if course is None:
        return None
    return issue_certificate(
        user=user,
        course=course,
        score_percent=90,
        passed_at=timezone.now() - datetime.timedelta(days=3),
    )
