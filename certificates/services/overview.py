"""My training: the learner's certificates and the courses they have started."""


from django.utils import timezone

from courses import locales, progress

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

    # Courses begun and not yet certified, with how far the learner has read (courses.progress).
    certified_course_ids = {item["course"].pk for item in completed if item["course"]}
    started = progress.started_courses(user)
    # Certificates name a course's source, whatever the language it was taken in.
    sources = locales.source_ids(started)
    started = [course for course in started if sources[course.pk] not in certified_course_ids]
    read = progress.progress_of(user, started)
    in_progress = [
        {
            "course": course,
            "opened": read[course.pk].opened_count,
            "lessons": read[course.pk].lesson_count,
        }
        for course in started
    ]
    return {"completed": completed, "in_progress": in_progress, "today": today}
