"""Demo quizzes for `manage.py seed_demo`: one per demo course, from the topics and questions in
its file in courses/demo_courses/.

A course that already has a quiz is left alone, so running it again changes nothing and never
overwrites what trainers have since edited.
"""

from django.db import transaction

from courses.demo_data import load_courses
from courses.models import CoursePage, LessonPage

from .blocks import QUESTION_KINDS, negative_stem_word, question_problems
from .models import QuizPage, QuizTopic

DEMO_RULES = {
    "pass_mark": 80,
    "questions_per_attempt": 8,
    "shuffle_choices": True,
    "attempts_allowed": 3,
    "attempt_period_hours": 24,
    "time_limit_minutes": None,
    "reveal_answers": QuizPage.RevealAnswers.AFTER_PASS,
}


def question_block(spec: dict, lessons: dict, file, topic_names: dict | None = None
                   ) -> tuple[str, dict]:
    """A question of a demo course's file, as a quiz's StreamField takes it.

    `topic_names` maps the file's topic slugs to the topics' names, which the question stores.
    """
    problems = [str(message) for _field, message in
                question_problems(spec["kind"], spec.get("scenario", ""), spec["choices"])]
    if spec["kind"] not in dict(QUESTION_KINDS):
        problems.append(f"kind should be one of {', '.join(dict(QUESTION_KINDS))}")
    word = negative_stem_word(spec["text"])
    if word:
        problems.append(f"{word!r} makes it a negative question; ask it the positive way, as in "
                        f"'What should you do?', and mark the safe action as correct.")
    if problems:
        raise ValueError(f"{file}: question {spec['text']!r}: {' '.join(problems)}")
    lesson = lessons.get(spec.get("lesson"))
    return ("question", {
        "kind": spec["kind"],
        "scenario": spec.get("scenario", ""),
        "text": spec["text"],
        "explanation": spec.get("explanation", ""),
        "lesson": lesson,
        "topic": (topic_names or {}).get(spec.get("topic", ""), ""),
        "choices": [
            {"text": c["text"], "correct": bool(c["correct"]), "feedback": c.get("feedback", "")}
            for c in spec["choices"]
        ],
    })


def demo_quiz(course: CoursePage, demo: dict) -> QuizPage:
    """The quiz of a demo course's file, not yet saved. Raises ValueError naming the file when
    the quiz could not be published (a question could not be scored fairly, or is worded
    negatively, or the topics ask for more than the questions can give)."""
    lessons = {lesson.slug: lesson for lesson in LessonPage.objects.child_of(course)}
    topic_names = {topic["slug"]: topic["name"] for topic in demo["topics"]}
    quiz = QuizPage(
        title=f"Quiz: {course.title}",
        slug="quiz",
        # The rules (questions, pool, pass mark, attempts) show from the quiz's settings.
        intro="<p>Check what you have learned, then earn your certificate.</p>",
        questions=[question_block(spec, lessons, demo["file"], topic_names)
                   for spec in demo["questions"]],
        topics=[QuizTopic(name=topic["name"], required=topic["required"])
                for topic in demo["topics"]],
        **DEMO_RULES,
    )
    problems = quiz.publishing_problems()
    if problems:
        raise ValueError(f"{demo['file']}: the quiz cannot be published: "
                         + " ".join(problem.message for problem in problems))
    return quiz


@transaction.atomic
def seed_quizzes(courses: list[CoursePage]) -> list[QuizPage]:
    demo_courses = {spec["slug"]: spec for spec in load_courses()}
    quizzes = []
    for course in courses:
        demo = demo_courses.get(course.slug)
        existing = QuizPage.objects.child_of(course).first()
        if existing is not None or not (demo and demo["questions"]):
            if existing is not None:
                quizzes.append(existing)
            continue
        quiz = demo_quiz(course, demo)
        course.add_child(instance=quiz)
        quiz.save_revision().publish()
        quizzes.append(quiz)
    return quizzes
