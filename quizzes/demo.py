"""Demo quizzes for `manage.py seed_demo`: one per demo course, from the questions in its file in
courses/demo_courses/.

A course that already has a quiz is left alone, so running it again changes nothing and never
overwrites what trainers have since edited.
"""

from django.db import transaction

from courses.demo_data import load_courses
from courses.models import CoursePage, LessonPage

from .blocks import QUESTION_KINDS, question_problems
from .models import QuizPage

DEMO_RULES = {
    "pass_mark": 80,
    "questions_per_attempt": 8,
    "shuffle_choices": True,
    "attempts_allowed": 3,
    "attempt_period_hours": 24,
    "time_limit_minutes": None,
}


def question_block(spec: dict, lessons: dict, file) -> tuple[str, dict]:
    """A question of a demo course's file, as a quiz's StreamField takes it."""
    problems = [str(message) for _field, message in
                question_problems(spec["kind"], spec.get("scenario", ""), spec["choices"])]
    if spec["kind"] not in dict(QUESTION_KINDS):
        problems.append(f"kind should be one of {', '.join(dict(QUESTION_KINDS))}")
    if problems:
        raise ValueError(f"{file}: question {spec['text']!r}: {' '.join(problems)}")
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
    demo_courses = {spec["slug"]: spec for spec in load_courses()}
    quizzes = []
    for course in courses:
        demo = demo_courses.get(course.slug)
        specs = demo["questions"] if demo else None
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
            questions=[question_block(spec, lessons, demo["file"]) for spec in specs],
            **DEMO_RULES,
        )
        course.add_child(instance=quiz)
        quiz.save_revision().publish()
        quizzes.append(quiz)
    return quizzes
