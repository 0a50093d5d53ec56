"""My training: the learner's certificates and the courses they have started."""


from django.db.models import Count
from django.db.models.functions import Length, Substr
from django.utils import timezone

from courses.models import CoursePage, LessonCompletion, LessonPage

from ..models import EXPIRY_WARNING_DAYS, Certificate


def training_overview(user, *, today=None) -> dict:
    """What My training shows, in a fixed number of queries whatever the learner has done."""


    today = today or timezone.localdate()
    certificates = list(
        Certificate.objects.filter(user=user).select_related("course").order_by("-passed_at", "-pk")
    )
    by_course = {}
    for certificate in certificates:
        by_course.setdefault(
            certificate.course_id or f"title:{certificate.course_title}", []
        ).append(certificate)
    completed = []
    for group in by_course.values():
        unrevoked = [c for c in group if not c.revoked_at]
        current = unrevoked[0] if unrevoked else None
        newest = group[0]
        shown = current or newest
        days_left = shown.days_left(today)
        completed.append(
            {
                "course": shown.course,
                "course_title": shown.course_title,
                "current": current,
                "shown": shown,
                "status": shown.status_on(today),
                "days_left": days_left,
                "renew": current is None or days_left <= EXPIRY_WARNING_DAYS,
                "earlier": [c for c in group if c is not shown],
            }
        )
    completed.sort(key=lambda item: item["shown"].expires_on)

    opened = list(
        LessonCompletion.objects.filter(user=user, lesson__live=True).values_list(
            "lesson__path", flat=True
        )
    )
    steplen = LessonPage.steplen
    course_paths = {path[:-steplen] for path in opened}
    certified_course_ids = {item["course"].pk for item in completed if item["course"]}
    in_progress = []
    if course_paths:
        courses = {c.path: c for c in CoursePage.objects.live().filter(path__in=course_paths)}
        lesson_counts = dict(
            LessonPage.objects.live()
            .annotate(parent_path=Substr("path", 1, Length("path") - steplen))
            .filter(parent_path__in=list(courses))
            .order_by()  # Wagtail orders pages by path, which would split the groups
            .values("parent_path")
            .annotate(n=Count("id"))
            .values_list("parent_path", "n")
        )
        opened_counts = {}
        for path in opened:
            opened_counts[path[:-steplen]] = opened_counts.get(path[:-steplen], 0) + 1
        for path, course in sorted(courses.items(), key=lambda item: item[1].title):
            if course.pk in certified_course_ids:
                continue
            in_progress.append(
                {
                    "course": course,
                    "opened": opened_counts.get(path, 0),
                    "lessons": lesson_counts.get(path, 0),
                }
            )
    return {"completed": completed, "in_progress": in_progress, "today": today}
