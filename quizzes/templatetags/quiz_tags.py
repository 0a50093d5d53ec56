from django import template

from courses import locales
from quizzes import progress
from quizzes.blocks import QUESTION_KINDS
from quizzes.links import course_quiz_url
from quizzes.models import CourseCompletion, QuizPage

register = template.Library()
KIND_LABELS = dict(QUESTION_KINDS)


@register.filter
def kind_label(kind):
    return KIND_LABELS.get(kind, kind)


@register.inclusion_tag("quizzes/includes/course_quiz.html", takes_context=True)
def course_quiz(context, course):
    """The quiz card on a course page: what the quiz is and whether this learner has passed it."""
    quiz = QuizPage.objects.live().child_of(course).first()
    user = context["request"].user
    completion = None
    if quiz and user.is_authenticated:
        completion = (
            CourseCompletion.objects.filter(user=user, course=locales.source_of(course))
            .order_by("-completed_at").first()
        )
    return {"quiz": quiz, "completion": completion, "request": context["request"]}


@register.inclusion_tag("quizzes/includes/lesson_end.html", takes_context=True)
def lesson_end_link(context, course):
    """After a course's last lesson: on to the quiz if it has one, else back to the course."""
    return {"quiz_url": course_quiz_url(course, context["request"]), "course": course}


@register.simple_tag(takes_context=True)
def with_standings(context, courses):
    """The courses as (course, standing) pairs: where the signed-in learner stands in each (None
    for a visitor), read for all of them at once."""
    courses = list(courses)
    user = context["request"].user
    if not user.is_authenticated:
        return [(course, None) for course in courses]
    found = progress.standings(user, courses)
    return [(course, found[course.pk]) for course in courses]
