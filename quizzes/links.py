"""Where a course's quiz is, remembered in the cache.

A lesson page links its last lesson to the quiz. Looking the quiz up would add a query to every
last-lesson view (the lesson page keeps to 10 queries), so the answer is cached per course and
forgotten whenever a course or quiz page is published or unpublished.
"""

from django.core.cache import cache

CACHE_SECONDS = 600


def _key(course_id) -> str:
    return f"quizzes:course-quiz-url:{course_id}"


def course_quiz_url(course, request=None) -> str:
    """The URL of the course's live quiz, or "" when it has none."""
    url = cache.get(_key(course.pk))
    if url is None:
        from .models import QuizPage

        quiz = QuizPage.objects.live().child_of(course).first()
        url = quiz.get_url(request) if quiz else ""
        cache.set(_key(course.pk), url, CACHE_SECONDS)
    return url


def forget_course_quiz_url(sender, instance, **kwargs):
    from courses.models import CoursePage

    from .models import QuizPage

    if isinstance(instance, CoursePage):
        cache.delete(_key(instance.pk))
    elif isinstance(instance, QuizPage):
        cache.delete(_key(instance.get_parent().pk))
