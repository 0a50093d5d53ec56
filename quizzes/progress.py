"""Where a learner stands in each of several courses: not started, part-way ("2 of 5 lessons",
continue at lesson 3), every lesson opened with the quiz next, or completed.

The catalogue and the learner's home list many courses at once, so this costs a fixed number of
queries whatever their number: the lessons and which of them are opened (courses.progress), which
courses the learner has completed, and the courses' quizzes. The facts come from their owners:
opened lessons from LessonCompletion.opened_by, the quiz's lock from services.lessons_before_quiz
and completion from CourseCompletion, as on the course and quiz pages.
"""

import dataclasses
import functools
import operator

from django.db.models import Q

from courses import progress

from . import services
from .models import QuizPage


class Status:
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    QUIZ_NEXT = "quiz-next"
    COMPLETED = "completed"


@dataclasses.dataclass
class Standing:
    progress: progress.CourseProgress
    completed: bool
    quiz: QuizPage | None

    @property
    def course(self):
        return self.progress.course

    @property
    def lessons_before_quiz(self) -> list:
        return services.lessons_before_quiz(self.progress.unopened, passed_before=self.completed)

    @property
    def new_since_pass(self) -> list:
        return services.new_since_pass(self.progress.unopened, passed_before=self.completed)

    @property
    def quiz_open(self) -> bool:
        return self.quiz is not None and not self.lessons_before_quiz

    @property
    def status(self) -> str:
        if self.completed:
            return Status.COMPLETED
        if self.quiz_open:
            return Status.QUIZ_NEXT
        if self.progress.opened_count:
            return Status.IN_PROGRESS
        return Status.NOT_STARTED


def live_quizzes_of(courses) -> dict:
    """Each course's live quiz (the first, as the course page shows), by course id, in one query."""
    courses = list(courses)
    if not courses:
        return {}
    by_path = {course.path: course.pk for course in courses}
    under = functools.reduce(
        operator.or_,
        (Q(path__startswith=course.path, depth=course.depth + 1) for course in courses),
    )
    found = {}
    for quiz in QuizPage.objects.live().filter(under).only(
            "id", "title", "slug", "url_path", "path", "depth").order_by("path"):
        found.setdefault(by_path[quiz.path[: -quiz.steplen]], quiz)
    return found


def standings(user, courses) -> dict:
    """A Standing for each course, by course id, in four queries (two without a signed-in user's
    records to read)."""
    courses = list(courses)
    read = progress.progress_of(user, courses)
    completed = services.completed_course_ids(user, courses)
    quizzes = live_quizzes_of(courses)
    return {
        course.pk: Standing(
            progress=read[course.pk], completed=course.pk in completed,
            quiz=quizzes.get(course.pk),
        )
        for course in courses
    }
