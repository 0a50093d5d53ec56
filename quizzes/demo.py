"""Demo quizzes for `manage.py seed_demo`: one per demo course, from quizzes/demo_content.py.

A course that already has a quiz is left alone, so running it again changes nothing and never
overwrites what trainers have since edited.
"""

from django.db import transaction

from courses.models import CoursePage, LessonPage

from .blocks import question_problems
from .demo_content import QUIZZES
from .models import QuizPage

DEMO_RULES = {
    "pass_mark": 80,
    "questions_per_attempt": 8,
    "shuffle_choices": True,
    "attempts_allowed": 3,
    "attempt_period_hours": 24,
    "time_limit_minutes": None,
}


def question_block(spec: dict, lessons: dict) -> tuple[str, dict]:
    problems = question_problems(spec["kind"], spec.get("scenario", ""), spec["choices"])
    if problems:
        raise ValueError(f"Demo question {spec['text']!r}: {problems}")
    lesson = lessons.get(spec.get("lesson"))
    return ("question", {
        "kind": spec["kind"],
        "scenario": spec.get("scenario", ""),
        "text": spec["text"],
        "explanation": spec.get("explanation", ""),
        "lesson": lesson,
        "choices": [
            {"text": c["text"], "correct": bool(c["correct"]), "feedback": c.get("feedback", "")}
            for c in spec["choices"]
        ],
    })


@transaction.atomic
def seed_quizzes(courses: list[CoursePage]) -> list[QuizPage]:
    quizzes = []
    for course in courses:
        specs = QUIZZES.get(course.slug)
        existing = QuizPage.objects.child_of(course).first()
        if existing is not None or not specs:
            if existing is not None:
                quizzes.append(existing)
            continue
        lessons = {lesson.slug: lesson for lesson in LessonPage.objects.child_of(course)}
        quiz = QuizPage(
            title=f"Quiz: {course.title}",
            slug="quiz",
            intro=(
                "<p>Check what you have learned. Each attempt asks 8 questions drawn from a pool "
                "of 10, with the answers in a new order. Score 80% or more to complete the course "
                "and earn your certificate. You can try 3 times in 24 hours.</p>"
            ),
            questions=[question_block(spec, lessons) for spec in specs],
            **DEMO_RULES,
        )
        course.add_child(instance=quiz)
        quiz.save_revision().publish()
        quizzes.append(quiz)
    return quizzes
