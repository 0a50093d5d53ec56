"""Builders for the quiz tests and `make bench`: quizzes of any size, answers right or wrong."""

from courses.models import LessonCompletion, LessonPage

from .blocks import MULTIPLE, SCENARIO, SINGLE, TRUE_FALSE
from .models import QuizPage, QuizTopic
from .services import FIELD_PREFIX

KIND_CYCLE = [SINGLE, MULTIPLE, TRUE_FALSE, SCENARIO]


def question_spec(number: int, kind: str, lesson=None, topic="") -> tuple[str, dict]:
    if kind == TRUE_FALSE:
        choices = [
            {"text": "True", "correct": number % 2 == 0, "feedback": f"Feedback T{number}"},
            {"text": "False", "correct": number % 2 == 1, "feedback": f"Feedback F{number}"},
        ]
    elif kind == MULTIPLE:
        choices = [
            {"text": f"Q{number} choice {letter}", "correct": letter in "AC",
             "feedback": f"Feedback {number}{letter}"}
            for letter in "ABCD"
        ]
    else:
        choices = [
            {"text": f"Q{number} choice {letter}", "correct": letter == "B",
             "feedback": f"Feedback {number}{letter}"}
            for letter in "ABC"
        ]
    return ("question", {
        "kind": kind,
        "scenario": f"Situation for question {number}." if kind == SCENARIO else "",
        "text": f"Question number {number}?",
        "explanation": f"Explanation for question {number}.",
        "lesson": lesson,
        "topic": topic,
        "choices": choices,
    })


def make_quiz(course, *, questions=5, draw=None, slug="quiz", publish=True, topics=(),
              question_topics=(), **rules) -> QuizPage:
    """A quiz of `questions` questions of every kind. `topics` are (name, required) pairs;
    `question_topics` gives the first questions their topic names, in order."""
    lessons = list(LessonPage.objects.child_of(course).order_by("path"))
    question_topics = list(question_topics)
    quiz = QuizPage(
        title=f"Quiz for {course.title}",
        slug=slug,
        questions=[
            question_spec(n, KIND_CYCLE[(n - 1) % len(KIND_CYCLE)],
                          lessons[(n - 1) % len(lessons)] if lessons else None,
                          question_topics[n - 1] if n <= len(question_topics) else "")
            for n in range(1, questions + 1)
        ],
        topics=[QuizTopic(name=name, required=required) for name, required in topics],
        questions_per_attempt=draw or questions,
        **{"pass_mark": 80, "attempts_allowed": 3, "attempt_period_hours": 24, **rules},
    )
    course.add_child(instance=quiz)
    revision = quiz.save_revision()
    if publish:
        revision.publish()
    return quiz


def open_all_lessons(user, course):
    LessonCompletion.objects.bulk_create(
        [LessonCompletion(user=user, lesson=lesson)
         for lesson in LessonPage.objects.child_of(course)],
        ignore_conflicts=True,
    )


def answers_post(attempt, *, right=None) -> dict:
    """Form data answering every question; the first `right` of them correctly."""
    right = len(attempt.questions) if right is None else right
    data = {}
    for index, question in enumerate(attempt.questions):
        correct = [c["id"] for c in question["choices"] if c["correct"]]
        wrong = [c["id"] for c in question["choices"] if not c["correct"]]
        data[FIELD_PREFIX + question["id"]] = correct if index < right else wrong[:1]
    return data
