"""A signed-in learner's own home: the course for the workplace type they chose, where to pick
up ("Continue: lesson 3"), what is due for renewal and their certificates.

It gathers facts other modules own and keeps none of its own: the learner's certificates, which
are current and which are due for renewal (within EXPIRY_WARNING_DAYS of expiry, or past it) from
My training's overview; the lessons opened, the quiz's lock and completion from
quizzes.progress. A fixed number of queries whatever the number of courses and certificates.
"""

from redflag.accounts.models import LearnerProfile

from certificates.services.overview import training_overview
from courses import locales
from courses.models import CoursePage
from quizzes import progress


def home_for(user, *, today) -> dict:
    profile = LearnerProfile.objects.filter(user=user).select_related("group").first()
    group = profile.group if profile else None
    # Each course once, in the reader's language where it is translated (courses.locales).
    mine = locales.localized(
        locales.in_default_locale(CoursePage.objects.live().filter(audience=group))
        .order_by("path")) if group else []
    overview = training_overview(user, today=today)
    mine_ids = {course.pk for course in mine}
    # Courses begun outside the learner's workplace, which My training lists as in progress.
    others = [item["course"] for item in overview["in_progress"]
              if item["course"].pk not in mine_ids]
    standings = progress.standings(user, mine + others)
    certificates = overview["completed"]
    # A certificate names the course's source, whatever the language it was taken in.
    by_course = {item["course"].pk: item for item in certificates if item["course"]}
    sources = locales.source_ids(mine + others)

    def rows(courses):
        return [{"standing": standings[course.pk],
                 "certificate": by_course.get(sources[course.pk])}
                for course in courses]

    return {
        "profile": profile,
        "group": group,
        "my_courses": rows(mine),
        "other_courses": rows(others),
        "renewals": [item for item in certificates if item["renew"] and item["course"]],
        "certificates": certificates,
        "today": today,
    }
